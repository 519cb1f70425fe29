#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Trains Balie's OCR-B MRZ model from scratch with Debian's Tesseract training tools; resumable at every step.
#
# Usage: train.sh [data|train|eval CHECKPOINT|export [CHECKPOINT]|keep [CHECKPOINT]|all]
#   data     render training and held-out lines (render_lines.py, text2image) and build .lstmf files
#   train    resume from the last checkpoint of the work directory; without one, continue from the
#            float network kept in the repository (mrz-float.lstm), or else train from scratch
#            (clean lines first, then all) (one core, OMP_THREAD_LIMIT=1)
#   eval     character and line error of a checkpoint or traineddata on the held-out clean and degraded lines
#   export   convert the best numbered checkpoint (or the one given) to an integer model, write it to
#            drivers/vision/model/mrz.traineddata with its figures in drivers/vision/model/mrz.txt
#   keep     write the float network of the best numbered checkpoint (or the one given) to
#            drivers/vision/training/mrz-float.lstm, so that training on another machine goes on from it
#   all      data, then train (default)
# Environment: BALIE_TRAINING_DIR (work directory, default /tmp/balie-training), TRAIN_LINES (degraded
#   lines, default 6000), CLEAN_LINES (default 3000), WARMUP_ITERATIONS (on clean lines only, default
#   4000), MAX_ITERATIONS (default 60000), BALIE_TRAINING_CPU (core to pin the training to, default 1),
#   NET_SPEC (the network, "<classes>" standing for the size of the unicharset).
# Everything lands in the work directory; an interrupted step is redone or resumed by running the script again.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
model_dir="$(cd "$here/.." && pwd)/model"
# The integer model cannot be trained further; this float network of the last run can.
resume_lstm="$here/mrz-float.lstm"
work="${BALIE_TRAINING_DIR:-/tmp/balie-training}"
train_lines="${TRAIN_LINES:-6000}"
max_iterations="${MAX_ITERATIONS:-60000}"
clean_lines="${CLEAN_LINES:-3000}"
warmup_iterations="${WARMUP_ITERATIONS:-4000}"
cpu="${BALIE_TRAINING_CPU:-1}"
net_spec="${NET_SPEC:-[1,36,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx192 O1c<classes>]}"
python=/usr/bin/python3  # Debian's interpreter, which has python3-pil and python3-numpy
export OMP_THREAD_LIMIT=1

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Renders one data set and converts each chunk to .lstmf; a finished set is marked with a "done" file.
build_set() {
    local name="$1" seed="$2" lines="$3"
    shift 3
    local dir="$work/data/$name"
    if [[ -f "$dir/done" ]]; then
        return
    fi
    log "rendering $lines $name lines"
    rm -rf "$dir"
    "$python" "$here/render_lines.py" --output "$dir" --lines "$lines" --seed "$seed" "$@"
    local tif
    for tif in "$dir"/chunk*.tif; do
        tesseract "$tif" "${tif%.tif}" --psm 13 lstm.train >/dev/null 2>&1
    done
    ls "$dir"/chunk*.lstmf >"$dir/list.txt"
    touch "$dir/done"
}

# A starter traineddata holding only the unicharset of the 37 MRZ characters: the net is trained from scratch.
build_starter() {
    local starter="$work/starter"
    if [[ -f "$starter/mrz/mrz.traineddata" ]]; then
        return
    fi
    log "building the starter traineddata"
    mkdir -p "$starter/mrz" "$starter/script"
    printf '%s\n' ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 '<' >"$starter/alphabet.txt"
    unicharset_extractor --output_unicharset "$starter/unicharset" --norm_mode 1 "$starter/alphabet.txt" >/dev/null 2>&1
    # combine_lang_model insists on a non-empty radical-stroke.txt in the script directory, which only CJK uses.
    echo "# not used by Latin scripts" >"$starter/script/radical-stroke.txt"
    combine_lang_model --input_unicharset "$starter/unicharset" --script_dir "$starter/script" \
        --output_dir "$starter" --lang mrz >/dev/null 2>&1
}

data() {
    mkdir -p "$work"
    build_set eval-clean 2001 "${EVAL_LINES:-400}" --clean --png
    build_set eval-degraded 2002 "${EVAL_LINES:-600}" --png
    build_set train-clean 1002 "$clean_lines" --clean
    build_set train 1001 "$train_lines"
    cat "$work/data/eval-clean/list.txt" "$work/data/eval-degraded/list.txt" >"$work/data/eval.txt"
    build_starter
}

# One lstmtraining run on a list of .lstmf files up to an iteration count; it resumes from
# mrz_checkpoint by itself when that exists (the net spec is then ignored).
run_lstmtraining() {
    local list="$1" iterations="$2" classes pin=() resume=()
    classes="$(ls "$work/starter/mrz" | sed -n "s/^mrz.charset_size=\([0-9]*\).txt$/\1/p")"
    if command -v taskset >/dev/null; then
        pin=(taskset -c "$cpu")
    fi
    if [[ ! -f "$work/checkpoints/mrz_checkpoint" && -f "$resume_lstm" ]]; then
        resume=(--continue_from "$resume_lstm")
    fi
    "${pin[@]}" lstmtraining "${resume[@]}" \
        --traineddata "$work/starter/mrz/mrz.traineddata" \
        --net_spec "${net_spec//<classes>/$classes}" \
        --model_output "$work/checkpoints/mrz" \
        --learning_rate 0.002 \
        --train_listfile "$list" \
        --eval_listfile "$work/data/eval.txt" \
        --max_iterations "$iterations" \
        --target_error_rate 0.0001 \
        --debug_interval 0
}

train() {
    data
    mkdir -p "$work/checkpoints"
    if [[ -f "$work/checkpoints/mrz_checkpoint" ]]; then
        log "resuming from $work/checkpoints/mrz_checkpoint"
    elif [[ -f "$resume_lstm" ]]; then
        log "continuing from $resume_lstm"
        touch "$work/checkpoints/warmup.done"  # the kept network knows the glyphs already
    fi
    # A net started on degraded lines only outputs fillers for thousands of iterations: it first
    # learns the glyphs on clean lines, then continues on everything.
    if [[ ! -f "$work/checkpoints/warmup.done" ]]; then
        log "warm-up on clean lines up to $warmup_iterations iterations"
        run_lstmtraining "$work/data/train-clean/list.txt" "$warmup_iterations"
        touch "$work/checkpoints/warmup.done"
    fi
    cat "$work/data/train/list.txt" "$work/data/train-clean/list.txt" >"$work/data/train-all.txt"
    log "training on all lines up to $max_iterations iterations"
    run_lstmtraining "$work/data/train-all.txt" "$max_iterations"
}

# Prints "<set> char_error=<percent> line_error=<percent>" for each held-out set; $1 is a checkpoint or traineddata.
evaluate() {
    local model="$1" set
    local args=(--model "$model")
    if [[ "$model" == *.checkpoint || "$model" == *_checkpoint ]]; then
        args+=(--traineddata "$work/starter/mrz/mrz.traineddata")
    fi
    for set in eval-clean eval-degraded; do
        lstmeval "${args[@]}" --eval_listfile "$work/data/$set/list.txt" 2>&1 |
            sed -n "s/^BCER eval=\([0-9.]*\), BWER eval=\([0-9.]*\).*/$set char_error=\1 line_error=\2/p" |
            tail -n1
    done
}

# Milliseconds per line of a traineddata in one long-lived single-threaded process (model loading
# included once), over the held-out clean lines.
speed() {
    local model="$1" list="$work/data/eval-clean/images.txt" count start end
    ls "$work"/data/eval-clean/line*.png >"$list"
    count="$(wc -l <"$list")"
    start="$(date +%s%N)"
    tesseract "$list" - --tessdata-dir "$(dirname "$model")" -l "$(basename "$model" .traineddata)" \
        --psm 13 >/dev/null 2>&1
    end="$(date +%s%N)"
    echo "speed ms_per_line=$(((end - start) / 1000000 / count))"
}

best_checkpoint() {
    # Numbered checkpoints are named mrz_<error>_<iteration>.checkpoint; the error is the training error.
    find "$work/checkpoints" -name 'mrz_*_*.checkpoint' -printf '%f\n' |
        sort -t_ -k2,2g -k3,3nr | head -n1 | sed "s|^|$work/checkpoints/|"
}

keep_float() {
    local checkpoint="${1:-$(best_checkpoint)}"
    if [[ -z "$checkpoint" || ! -f "$checkpoint" ]]; then
        log "no checkpoint to keep"
        return 1
    fi
    lstmtraining --stop_training --continue_from "$checkpoint" \
        --traineddata "$work/starter/mrz/mrz.traineddata" \
        --model_output "$work/mrz-float.traineddata" >/dev/null 2>&1
    combine_tessdata -e "$work/mrz-float.traineddata" "$resume_lstm" >/dev/null 2>&1
    log "kept the float network of $checkpoint in $resume_lstm"
}

export_model() {
    local checkpoint="${1:-$(best_checkpoint)}"
    if [[ -z "$checkpoint" || ! -f "$checkpoint" ]]; then
        log "no checkpoint to export"
        return 1
    fi
    log "exporting $checkpoint"
    mkdir -p "$model_dir"
    lstmtraining --stop_training --convert_to_int \
        --continue_from "$checkpoint" \
        --traineddata "$work/starter/mrz/mrz.traineddata" \
        --model_output "$work/mrz.traineddata" >/dev/null 2>&1
    local iteration figures
    iteration="$(basename "$checkpoint" .checkpoint)"
    iteration="${iteration##*_}"
    figures="$(evaluate "$work/mrz.traineddata"; speed "$work/mrz.traineddata")"
    cp "$work/mrz.traineddata" "$model_dir/mrz.traineddata"
    {
        echo "# Balie OCR-B MRZ model: drivers/vision/training/train.sh, exported $(date +%F)"
        echo "checkpoint=$(basename "$checkpoint") iterations=$iteration" \
            "training_lines=$(cat "$work"/data/train*/chunk*.box | grep -c '^WordStr')"
        echo "held-out lines, integer model, lstmeval (error rates in percent):"
        echo "$figures"
    } >"$model_dir/mrz.txt"
    cat "$model_dir/mrz.txt"
}

case "${1:-all}" in
data) data ;;
train | all) train ;;
eval) evaluate "${2:?checkpoint or traineddata}" ;;
export) export_model "${2:-}" ;;
keep) keep_float "${2:-}" ;;
*)
    sed -n '5,20p' "$0" >&2
    exit 2
    ;;
esac
