// SPDX-License-Identifier: GPL-3.0-or-later
// A SQLite VFS for tests that forwards to the real one and fails writes or syncs on demand.
#pragma once

namespace balie::test {

/// \brief What the fault VFS does to the next file operations.
enum class DiskFault {
    None,   ///< forward everything
    Write,  ///< every write fails with SQLITE_IOERR_WRITE, as on a dying disk
    Sync,   ///< every fsync fails with SQLITE_IOERR_FSYNC
    Full,   ///< every write fails with SQLITE_FULL, as on a file system without free space
};

/// \brief Registers the fault VFS as SQLite's default, once per process. Unarmed, it only
/// forwards, so connections opened afterwards behave as usual.
void installFaultVfs();

/// \brief Sets the fault for all files opened through the fault VFS, from now on.
void armDiskFault(DiskFault fault);

}  // namespace balie::test
