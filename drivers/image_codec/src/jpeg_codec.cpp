// SPDX-License-Identifier: GPL-3.0-or-later
// libjpeg-turbo behind owning wrappers. libjpeg's error_exit must not return: it jumps back to the
// setjmp of the one function that drives the library, and the frames it skips are libjpeg's own C
// frames, so no C++ object is ever left undestroyed and no exception crosses C code.
#include "jpeg_codec.h"

#include <jerror.h>
#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "balie/drivers/image_codec/image_codec.h"
#include "codec_limits.h"

namespace balie::drivers::image_codec {
namespace {

// libjpeg's error manager first, so the library's pointer to it is also a pointer to the whole.
struct JpegErrors {
    jpeg_error_mgr manager{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    bool dataEndedEarly = false;
};

JpegErrors& errorsOf(j_common_ptr common) {
    return *reinterpret_cast<JpegErrors*>(common->err);
}

[[noreturn]] void jumpBackOnError(j_common_ptr common) {
    JpegErrors& errors = errorsOf(common);
    (*common->err->format_message)(common, errors.message);
    std::longjmp(errors.jump, 1);
}

// Warnings stay off stderr; the one that matters, data ending before the image does, is kept:
// libjpeg would hand out the missing rows as grey.
void noteWarning(j_common_ptr common, int level) {
    if (level >= 0) {
        return;  // trace messages
    }
    ++common->err->num_warnings;
    if (common->err->msg_code == JWRN_JPEG_EOF) {
        errorsOf(common).dataEndedEarly = true;
    }
}

void useErrors(jpeg_error_mgr*& slot, JpegErrors& errors) {
    slot = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jumpBackOnError;
    errors.manager.emit_message = noteWarning;
}

std::string messageOf(const JpegErrors& errors) {
    return std::string("corrupt JPEG data: ") + errors.message;
}

struct Decompressor {
    Decompressor() { useErrors(info.err, errors); }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;
    ~Decompressor() {
        if (created) {
            jpeg_destroy_decompress(&info);
        }
    }

    jpeg_decompress_struct info{};
    JpegErrors errors;
    bool created = false;
    bool tooLarge = false;
};

// Decodes \a encoded into \a image; false when libjpeg failed or the image exceeds the limits.
// Nothing with a destructor is created between setjmp and the calls that may jump back.
bool decompress(Decompressor& decompressor, std::span<const std::uint8_t> encoded,
                core::Image& image) {
    jpeg_decompress_struct& info = decompressor.info;
    if (setjmp(decompressor.errors.jump) != 0) {
        return false;
    }
    jpeg_CreateDecompress(&info, JPEG_LIB_VERSION, sizeof info);
    decompressor.created = true;
    jpeg_mem_src(&info, encoded.data(), encoded.size());
    jpeg_read_header(&info, TRUE);
    if (!withinLimits(info.image_width, info.image_height)) {
        decompressor.tooLarge = true;
        return false;
    }
    // Grey and colour alike come out as BGR; CMYK cannot, and libjpeg reports that.
    info.out_color_space = JCS_EXT_BGR;
    jpeg_start_decompress(&info);
    image.width = static_cast<int>(info.output_width);
    image.height = static_cast<int>(info.output_height);
    image.stride = image.width * 3;
    image.format = core::PixelFormat::Bgr24;
    image.bytes.resize(static_cast<std::size_t>(image.stride) * info.output_height);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row =
            image.bytes.data() + static_cast<std::size_t>(image.stride) * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    return true;
}

// A libjpeg destination that appends to a vector; growing it may fail, which is reported to
// libjpeg as running out of memory once the C++ allocation has been left behind.
struct VectorDestination {
    jpeg_destination_mgr manager{};
    std::vector<std::uint8_t>* bytes = nullptr;
};

constexpr std::size_t kFirstOutputSize = 64 * 1024;

VectorDestination& destinationOf(j_compress_ptr info) {
    return *reinterpret_cast<VectorDestination*>(info->dest);
}

void startOutput(j_compress_ptr info) {
    VectorDestination& destination = destinationOf(info);
    destination.manager.next_output_byte = destination.bytes->data();
    destination.manager.free_in_buffer = destination.bytes->size();
}

boolean growOutput(j_compress_ptr info) {
    VectorDestination& destination = destinationOf(info);
    const std::size_t used = destination.bytes->size();
    bool grown = false;
    try {
        destination.bytes->resize(used * 2);
        grown = true;
    } catch (const std::bad_alloc&) {
        grown = false;
    }
    if (!grown) {
        info->err->msg_code = JERR_OUT_OF_MEMORY;
        (*info->err->error_exit)(reinterpret_cast<j_common_ptr>(info));
    }
    destination.manager.next_output_byte = destination.bytes->data() + used;
    destination.manager.free_in_buffer = destination.bytes->size() - used;
    return TRUE;
}

void finishOutput(j_compress_ptr info) {
    VectorDestination& destination = destinationOf(info);
    destination.bytes->resize(destination.bytes->size() - destination.manager.free_in_buffer);
}

struct Compressor {
    Compressor() { useErrors(info.err, errors); }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;
    ~Compressor() {
        if (created) {
            jpeg_destroy_compress(&info);
        }
    }

    jpeg_compress_struct info{};
    JpegErrors errors;
    VectorDestination destination;
    bool created = false;
};

struct InputLayout {
    J_COLOR_SPACE colorSpace;
    int components;
};

InputLayout layoutOf(core::PixelFormat format) {
    switch (format) {
        case core::PixelFormat::Gray8:
            return {JCS_GRAYSCALE, 1};
        case core::PixelFormat::Rgb24:
            return {JCS_RGB, 3};
        case core::PixelFormat::Bgr24:
            return {JCS_EXT_BGR, 3};
        case core::PixelFormat::Rgba32:
            return {JCS_EXT_RGBX, 4};
        case core::PixelFormat::Yuyv:
            break;
    }
    return {JCS_UNKNOWN, 0};
}

// Encodes \a image into \a jpeg; false when libjpeg failed. The same rule as decompress():
// nothing with a destructor is created after setjmp.
bool compress(Compressor& compressor, const core::Image& image, InputLayout layout, int quality,
              std::vector<std::uint8_t>& jpeg) {
    jpeg_compress_struct& info = compressor.info;
    if (setjmp(compressor.errors.jump) != 0) {
        return false;
    }
    jpeg_CreateCompress(&info, JPEG_LIB_VERSION, sizeof info);
    compressor.created = true;
    compressor.destination.bytes = &jpeg;
    compressor.destination.manager.init_destination = startOutput;
    compressor.destination.manager.empty_output_buffer = growOutput;
    compressor.destination.manager.term_destination = finishOutput;
    info.dest = &compressor.destination.manager;
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = layout.components;
    info.in_color_space = layout.colorSpace;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        // libjpeg only reads the rows, but its signature takes them mutable.
        auto* row = const_cast<JSAMPLE*>(
            image.bytes.data() + static_cast<std::size_t>(image.stride) * info.next_scanline);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    return true;
}

}  // namespace

bool looksLikeJpeg(std::span<const std::uint8_t> encoded) {
    return encoded.size() >= 3 && encoded[0] == 0xFF && encoded[1] == 0xD8 && encoded[2] == 0xFF;
}

core::Result<core::Image> decodeJpeg(std::span<const std::uint8_t> encoded) {
    Decompressor decompressor;
    core::Image image;
    if (!decompress(decompressor, encoded, image)) {
        return core::fail(core::Errc::InvalidFormat, decompressor.tooLarge
                                                         ? "the JPEG image is too large to decode"
                                                         : messageOf(decompressor.errors));
    }
    if (decompressor.errors.dataEndedEarly) {
        return core::fail(core::Errc::InvalidFormat, "the JPEG data ends before the image does");
    }
    return image;
}

core::Result<std::vector<std::uint8_t>> encodeJpeg(const core::Image& image, int quality) {
    const InputLayout layout = layoutOf(image.format);
    if (layout.components == 0 || !image.isWellFormed()) {
        return core::fail(core::Errc::InvalidArgument,
                          "only well-formed grey, RGB, BGR or RGBA images are encoded as JPEG");
    }
    try {
        std::vector<std::uint8_t> jpeg(kFirstOutputSize);
        Compressor compressor;
        if (!compress(compressor, image, layout, std::clamp(quality, 1, 100), jpeg)) {
            return core::fail(
                core::Errc::InvalidArgument,
                std::string("cannot encode the image as JPEG: ") + compressor.errors.message);
        }
        return jpeg;
    } catch (const std::bad_alloc&) {
        return core::fail(core::Errc::InvalidArgument, "not enough memory to encode the JPEG");
    }
}

}  // namespace balie::drivers::image_codec
