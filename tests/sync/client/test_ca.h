// SPDX-License-Identifier: GPL-3.0-or-later
// TestCa: a throw-away certificate authority made with the openssl program, for tests of TLS
// between the kiosk and balie-central.
#pragma once

#include <filesystem>
#include <string>

namespace balie::test {

/// \brief A CA and certificates signed by it, in a directory: NAME.pem and NAME.key.
/// Throws std::runtime_error when openssl fails.
class TestCa {
public:
    TestCa(std::filesystem::path directory, const std::string& name);

    /// \brief Issues a certificate for 127.0.0.1 (`usage` serverAuth or clientAuth).
    void issue(const std::string& name, const std::string& usage) const;

    std::string pem(const std::string& name) const;
    std::string key(const std::string& name) const;
    std::string certificate() const { return pem(name_); }

private:
    std::filesystem::path directory_;
    std::string name_;
};

}  // namespace balie::test
