// SPDX-License-Identifier: GPL-3.0-or-later
// Encryption at rest with libsodium: the key file, sealing and opening blobs, random ids.
#include "balie/sync/crypto/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace balie::sync {
namespace {

constexpr std::size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;

class UniqueFd {
public:
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    int get() const { return fd_; }

private:
    int fd_;
};

core::Error keyError(const std::filesystem::path& path, std::string_view what, int error = 0) {
    std::string message = "key file " + path.string() + ": " + std::string(what);
    if (error != 0) {
        message += " (";
        message += std::strerror(error);
        message += ")";
    }
    return core::Error{core::Errc::Config, std::move(message), error};
}

core::Result<void> syncDirectory(const std::filesystem::path& directory) {
    UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        return tl::unexpected(keyError(directory, "cannot sync its directory", errno));
    }
    return {};
}

}  // namespace

core::Result<void> initSodium() {
    if (sodium_init() < 0) {
        return core::fail(core::Errc::Config, "libsodium could not be initialised");
    }
    return {};
}

core::Result<std::unique_ptr<SecretKey>> readKeyFile(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) {
        return tl::unexpected(keyError(path, "cannot open", errno));
    }
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) {
        return tl::unexpected(keyError(path, "cannot read its mode", errno));
    }
    if (!S_ISREG(status.st_mode)) {
        return tl::unexpected(keyError(path, "not a regular file"));
    }
    // Group or world access defeats the point of encrypting at rest: refuse instead of warning.
    if ((status.st_mode & 0077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", status.st_mode & 07777);
        return tl::unexpected(keyError(path, std::string("has mode ") + mode +
                                                 "; it must be readable by its owner only "
                                                 "(chmod 600 " +
                                                 path.string() + ")"));
    }
    if (status.st_size != static_cast<off_t>(SecretKey::kSize)) {
        return tl::unexpected(keyError(path, "holds " + std::to_string(status.st_size) +
                                                 " bytes; a key is " +
                                                 std::to_string(SecretKey::kSize) + " bytes"));
    }
    auto key = std::make_unique<SecretKey>();
    std::size_t done = 0;
    while (done < SecretKey::kSize) {
        const ssize_t got = ::read(fd.get(), key->bytes().data() + done, SecretKey::kSize - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return tl::unexpected(keyError(path, "cannot read", got < 0 ? errno : EIO));
        }
        done += static_cast<std::size_t>(got);
    }
    return key;
}

core::Result<std::unique_ptr<SecretKey>> createKeyFile(const std::filesystem::path& path) {
    auto key = std::make_unique<SecretKey>();
    randombytes_buf(key->bytes().data(), SecretKey::kSize);

    std::filesystem::path temporary = path;
    temporary += ".new-" + std::to_string(::getpid());
    {
        UniqueFd fd(
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (fd.get() < 0) {
            return tl::unexpected(keyError(path, "cannot create", errno));
        }
        // The umask may have narrowed the mode further, never widened it; make it exact.
        if (::fchmod(fd.get(), 0600) != 0 ||
            ::write(fd.get(), key->bytes().data(), SecretKey::kSize) !=
                static_cast<ssize_t>(SecretKey::kSize) ||
            ::fsync(fd.get()) != 0) {
            const int error = errno;
            ::unlink(temporary.c_str());
            return tl::unexpected(keyError(path, "cannot write", error));
        }
    }
    // link() refuses to replace an existing file: if another process won the race, use its key.
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int linkError = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (linkError == EEXIST) {
            return readKeyFile(path);
        }
        return tl::unexpected(keyError(path, "cannot create", linkError));
    }
    auto synced = syncDirectory(path.parent_path().empty() ? "." : path.parent_path());
    if (!synced.has_value()) {
        return tl::unexpected(synced.error());
    }
    return key;
}

std::vector<std::uint8_t> seal(const SecretKey& key, std::span<const std::uint8_t> plain,
                               std::string_view context) {
    std::vector<std::uint8_t> sealed(kNonceSize + plain.size() + kTagSize);
    randombytes_buf(sealed.data(), kNonceSize);
    unsigned long long sealedSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        sealed.data() + kNonceSize, &sealedSize, plain.data(), plain.size(),
        reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr,
        sealed.data(), key.bytes().data());
    sealed.resize(kNonceSize + static_cast<std::size_t>(sealedSize));
    return sealed;
}

std::optional<std::vector<std::uint8_t>> unseal(const SecretKey& key,
                                                std::span<const std::uint8_t> sealed,
                                                std::string_view context) {
    if (sealed.size() < kNonceSize + kTagSize) {
        return std::nullopt;
    }
    std::vector<std::uint8_t> plain(sealed.size() - kNonceSize - kTagSize);
    unsigned long long plainSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain.data(), &plainSize, nullptr, sealed.data() + kNonceSize,
            sealed.size() - kNonceSize, reinterpret_cast<const unsigned char*>(context.data()),
            context.size(), sealed.data(), key.bytes().data()) != 0) {
        return std::nullopt;
    }
    plain.resize(static_cast<std::size_t>(plainSize));
    return plain;
}

std::string newUuid() {
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0x0f];
    }
    return text;
}

}  // namespace balie::sync
