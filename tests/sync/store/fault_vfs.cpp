// SPDX-License-Identifier: GPL-3.0-or-later
// A SQLite VFS for tests that forwards to the real one and fails writes or syncs on demand.
#include "fault_vfs.h"

#include <atomic>
#include <mutex>

#include <sqlite3.h>

namespace balie::test {
namespace {

std::atomic<DiskFault> gFault{DiskFault::None};
sqlite3_vfs* gReal = nullptr;
sqlite3_vfs gFaultVfs{};

// SQLite allocates szOsFile bytes per open file: this header, then the real VFS's file object.
struct FaultFile {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* realOf(sqlite3_file* file) {
    return reinterpret_cast<FaultFile*>(file)->real;
}

int faultClose(sqlite3_file* file) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xClose(real);
}

int faultRead(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xRead(real, buffer, amount, offset);
}

int faultWrite(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    if (gFault.load() == DiskFault::Write) {
        return SQLITE_IOERR_WRITE;
    }
    if (gFault.load() == DiskFault::Full) {
        return SQLITE_FULL;
    }
    sqlite3_file* real = realOf(file);
    return real->pMethods->xWrite(real, buffer, amount, offset);
}

int faultTruncate(sqlite3_file* file, sqlite3_int64 size) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xTruncate(real, size);
}

int faultSync(sqlite3_file* file, int flags) {
    if (gFault.load() == DiskFault::Sync) {
        return SQLITE_IOERR_FSYNC;
    }
    sqlite3_file* real = realOf(file);
    return real->pMethods->xSync(real, flags);
}

int faultFileSize(sqlite3_file* file, sqlite3_int64* size) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xFileSize(real, size);
}

int faultLock(sqlite3_file* file, int level) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xLock(real, level);
}

int faultUnlock(sqlite3_file* file, int level) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xUnlock(real, level);
}

int faultCheckReservedLock(sqlite3_file* file, int* reserved) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xCheckReservedLock(real, reserved);
}

int faultFileControl(sqlite3_file* file, int op, void* argument) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xFileControl(real, op, argument);
}

int faultSectorSize(sqlite3_file* file) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xSectorSize(real);
}

int faultDeviceCharacteristics(sqlite3_file* file) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xDeviceCharacteristics(real);
}

int faultShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** address) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xShmMap(real, region, size, extend, address);
}

int faultShmLock(sqlite3_file* file, int offset, int count, int flags) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xShmLock(real, offset, count, flags);
}

void faultShmBarrier(sqlite3_file* file) {
    sqlite3_file* real = realOf(file);
    real->pMethods->xShmBarrier(real);
}

int faultShmUnmap(sqlite3_file* file, int deleteFlag) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xShmUnmap(real, deleteFlag);
}

int faultFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** pointer) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xFetch(real, offset, amount, pointer);
}

int faultUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* pointer) {
    sqlite3_file* real = realOf(file);
    return real->pMethods->xUnfetch(real, offset, pointer);
}

const sqlite3_io_methods kFaultMethods{
    3,
    faultClose,
    faultRead,
    faultWrite,
    faultTruncate,
    faultSync,
    faultFileSize,
    faultLock,
    faultUnlock,
    faultCheckReservedLock,
    faultFileControl,
    faultSectorSize,
    faultDeviceCharacteristics,
    faultShmMap,
    faultShmLock,
    faultShmBarrier,
    faultShmUnmap,
    faultFetch,
    faultUnfetch,
};

int faultOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    auto* wrapper = reinterpret_cast<FaultFile*>(file);
    wrapper->real =
        reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(FaultFile));
    const int rc = gReal->xOpen(gReal, name, wrapper->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set; mirror the real file.
    wrapper->base.pMethods = wrapper->real->pMethods != nullptr ? &kFaultMethods : nullptr;
    return rc;
}

}  // namespace

void installFaultVfs() {
    static std::once_flag once;
    std::call_once(once, [] {
        gReal = sqlite3_vfs_find(nullptr);
        // Everything but opening files (and the file size) is the real VFS's own.
        gFaultVfs = *gReal;
        gFaultVfs.pNext = nullptr;
        gFaultVfs.zName = "balie-fault";
        gFaultVfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + gReal->szOsFile;
        gFaultVfs.xOpen = faultOpen;
        sqlite3_vfs_register(&gFaultVfs, 1);
    });
}

void armDiskFault(DiskFault fault) {
    gFault.store(fault);
}

}  // namespace balie::test
