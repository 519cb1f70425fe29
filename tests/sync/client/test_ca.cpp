// SPDX-License-Identifier: GPL-3.0-or-later
// TestCa: certificates from the openssl program.
#include "test_ca.h"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "process.h"

namespace balie::test {
namespace {

void openssl(const std::vector<std::string>& arguments) {
    const auto done = runProcess("/usr/bin/openssl", arguments);
    if (done.exitCode != 0) {
        throw std::runtime_error("openssl " + arguments.front() + " failed: " + done.err);
    }
}

}  // namespace

TestCa::TestCa(std::filesystem::path directory, const std::string& name)
    : directory_(std::move(directory)), name_(name) {
    openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", key(name), "-out", pem(name), "-days", "2", "-subj", "/CN=" + name});
}

void TestCa::issue(const std::string& name, const std::string& usage) const {
    const auto extensions = directory_ / (name + ".ext");
    std::ofstream(extensions) << "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=" << usage << '\n';
    openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", key(name), "-out", (directory_ / (name + ".csr")).string(), "-subj",
             "/CN=127.0.0.1"});
    openssl({"x509", "-req", "-in", (directory_ / (name + ".csr")).string(), "-CA", pem(name_),
             "-CAkey", key(name_), "-CAcreateserial", "-out", pem(name), "-days", "2", "-extfile",
             extensions.string()});
}

std::string TestCa::pem(const std::string& name) const {
    return (directory_ / (name + ".pem")).string();
}

std::string TestCa::key(const std::string& name) const {
    return (directory_ / (name + ".key")).string();
}

}  // namespace balie::test
