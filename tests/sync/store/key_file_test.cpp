// SPDX-License-Identifier: GPL-3.0-or-later
// The store's key file: created safely, refused when exposed or malformed, and checked against the
// database so a wrong key fails at once.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "balie/sync/sqlite_request_store.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::Errc;

void writeKey(const std::filesystem::path& path, const std::string& bytes, mode_t mode) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(StoreKeyTest, CreatesAMissingKeyFileReadableByItsOwnerOnly) {
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_TRUE(store.has_value()) << store.error().message;

    struct stat status {};
    ASSERT_EQ(::stat(options.keyPath.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0600u);
    EXPECT_EQ(status.st_size, 32);
    EXPECT_NE(readFileBytes(options.keyPath), std::string(32, '\0'));
    // No temporary key file is left behind.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".new-"), std::string::npos);
    }
}

TEST(StoreKeyTest, RefusesAKeyFileOthersCanRead) {
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    writeKey(options.keyPath, std::string(32, 'k'), 0644);

    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, Errc::Config);
    EXPECT_NE(store.error().message.find("has mode 0644"), std::string::npos)
        << store.error().message;
    EXPECT_NE(store.error().message.find("chmod 600"), std::string::npos);
}

TEST(StoreKeyTest, RefusesAKeyFileOfTheWrongSize) {
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    writeKey(options.keyPath, std::string(16, 'k'), 0600);

    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, Errc::Config);
    EXPECT_NE(store.error().message.find("holds 16 bytes; a key is 32 bytes"), std::string::npos)
        << store.error().message;
}

TEST(StoreKeyTest, WrongKeyIsRefusedAndNothingIsReturned) {
    TempDir dir;
    auto options = storeOptionsIn(dir.path());
    {
        auto store = sync::SqliteRequestStore::open(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        ASSERT_TRUE(
            (*store)->submit(fullDraft(), examplePages(1), exampleSubmitTime()).has_value());
    }
    options.keyPath = dir.path() / "other.key";
    writeKey(options.keyPath, std::string(32, 'w'), 0600);

    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, Errc::Config);
    EXPECT_NE(store.error().message.find("(wrong key)"), std::string::npos)
        << store.error().message;
}

TEST(StoreKeyTest, MissingKeyFileOfAnExistingDatabaseIsNotReplaced) {
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    {
        auto store = sync::SqliteRequestStore::open(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
    }
    std::filesystem::remove(options.keyPath);

    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, Errc::Config);
    EXPECT_NE(store.error().message.find("is missing"), std::string::npos) << store.error().message;
    EXPECT_FALSE(std::filesystem::exists(options.keyPath));
}

TEST(StoreKeyTest, UnreadableKeyLocationIsAConfigError) {
    TempDir dir;
    auto options = storeOptionsIn(dir.path());
    options.keyPath = dir.path() / "no-such-dir" / "store.key";

    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, Errc::Config);
    EXPECT_NE(store.error().message.find("cannot create"), std::string::npos)
        << store.error().message;
}

}  // namespace
}  // namespace balie::test
