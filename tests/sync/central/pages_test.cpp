// SPDX-License-Identifier: GPL-3.0-or-later
// Resumable page uploads: cuts in the middle, offset mismatches, checksum mismatches, limits.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;

class PagesTest : public CentralTest {
protected:
    // Announces `chunk` in full but sends only its first `sent` bytes, then closes the connection.
    void sendTruncatedPatch(const std::string& ticket, std::uint64_t offset,
                            const std::string& chunk, std::size_t sent) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(server_->port()));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        const std::string head = "PATCH " + protocol::pagePath(ticket, 0) +
                                 " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                 server_->token() + "\r\nUpload-Offset: " + std::to_string(offset) +
                                 "\r\nContent-Type: application/offset+octet-stream\r\n"
                                 "Content-Length: " +
                                 std::to_string(chunk.size()) + "\r\n\r\n";
        const std::string partial = head + chunk.substr(0, sent);
        ASSERT_EQ(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(partial.size()));
        ::close(fd);
    }

    std::string create(const std::vector<std::string>& pages) {
        const HttpAnswer answer =
            client_->create(newPersonRequest(server_->agentId(), pages), newKey());
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json().value("ticket", "");
    }
};

TEST_F(PagesTest, UploadCutInTheMiddleResumesAtTheServersOffset) {
    const std::string page = pageBytes(300'000, 7);
    const std::string ticket = create({page});

    HttpAnswer answer = client_->patch(ticket, 0, 0, page.substr(0, 100'000));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["received"], 100'000);
    EXPECT_EQ(answer.json()["complete"], false);
    EXPECT_EQ(answer.header("Upload-Offset"), "100000");
    EXPECT_EQ(answer.json()["request"]["state"], "sent");

    // The kiosk lost the connection and asks where to go on.
    answer = client_->head(ticket, 0);
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("Upload-Offset"), "100000");

    // A PATCH whose connection breaks halfway stores nothing of it: the offset stays.
    sendTruncatedPatch(ticket, 100'000, page.substr(100'000, 80'000), 40'000);
    EXPECT_EQ(client_->head(ticket, 0).header("Upload-Offset"), "100000");

    answer = client_->patch(ticket, 0, 100'000, page.substr(100'000));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["complete"], true);
    EXPECT_EQ(answer.json()["request"]["state"], "identified");
}

TEST_F(PagesTest, OffsetMismatchTellsWhereToResume) {
    const std::string page = pageBytes(200'000, 8);
    const std::string ticket = create({page});
    ASSERT_EQ(client_->patch(ticket, 0, 0, page.substr(0, 50'000)).status, 200);

    HttpAnswer answer = client_->patch(ticket, 0, 0, page.substr(0, 50'000));
    EXPECT_EQ(answer.status, 409);
    EXPECT_EQ(answer.errorCode(), "offset_mismatch");
    EXPECT_EQ(answer.header("Upload-Offset"), "50000");

    answer = client_->patch(ticket, 0, 60'000, page.substr(60'000, 10));
    EXPECT_EQ(answer.status, 409);
    EXPECT_EQ(answer.header("Upload-Offset"), "50000");

    answer = client_->patch(ticket, 0, 50'000, page.substr(50'000));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["complete"], true);
    EXPECT_EQ(answer.json()["request"]["state"], "identified");

    // The last chunk's answer was lost: asking again at the end says complete.
    answer = client_->patch(ticket, 0, 200'000, "");
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.json()["complete"], true);
}

TEST_F(PagesTest, ChecksumMismatchRestartsThePage) {
    const std::string page = pageBytes(100'000, 9);
    const std::string ticket = create({page});
    std::string damaged = page;
    damaged[5000] = static_cast<char>(damaged[5000] ^ 0x40);

    HttpAnswer answer = client_->upload(ticket, 0, damaged, 30'000);
    EXPECT_EQ(answer.status, 422);
    EXPECT_EQ(answer.errorCode(), "checksum_mismatch");
    EXPECT_EQ(answer.header("Upload-Offset"), "0");
    EXPECT_EQ(client_->head(ticket, 0).header("Upload-Offset"), "0");

    answer = client_->upload(ticket, 0, page, 30'000);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["complete"], true);
}

TEST_F(PagesTest, PagesAreIndependentAndTheDecisionWaitsForTheLast) {
    const auto pages = std::vector{pageBytes(150'000, 10), pageBytes(20'000, 11)};
    const std::string ticket = create(pages);
    ASSERT_EQ(client_->patch(ticket, 0, 0, pages[0].substr(0, 70'000)).status, 200);
    HttpAnswer answer = client_->upload(ticket, 1, pages[1]);
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.json()["request"]["pages_missing"], nlohmann::json::array({0}));
    EXPECT_EQ(answer.json()["request"]["state"], "sent");
    answer = client_->patch(ticket, 0, 70'000, pages[0].substr(70'000));
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.json()["request"]["pages_missing"], nlohmann::json::array());
    EXPECT_EQ(answer.json()["request"]["state"], "identified");
}

TEST_F(PagesTest, BadHeadersAndLimits) {
    const std::string page = pageBytes(1000, 12);
    const std::string ticket = create({page});
    const std::string path = protocol::pagePath(ticket, 0);
    httplib::Client raw(server_->url());

    auto answer = raw.Patch(path, {{"Authorization", "Bearer " + server_->token()}}, page,
                            "application/offset+octet-stream");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400);
    EXPECT_NE(answer->body.find("Upload-Offset"), std::string::npos);

    answer =
        raw.Patch(path, {{"Authorization", "Bearer " + server_->token()}, {"Upload-Offset", "-3"}},
                  page, "application/offset+octet-stream");
    EXPECT_EQ(answer->status, 400);

    answer =
        raw.Patch(path, {{"Authorization", "Bearer " + server_->token()}, {"Upload-Offset", "0"}},
                  page, "application/json");
    EXPECT_EQ(answer->status, 400);
    EXPECT_NE(answer->body.find("Content-Type"), std::string::npos);

    // More than the declared size.
    HttpAnswer tooMuch = client_->patch(ticket, 0, 0, page + "x");
    EXPECT_EQ(tooMuch.status, 413);

    // More than any page may be: refused before it is stored.
    const std::string huge(protocol::kMaxPageBytes + 128 * 1024, 'x');
    tooMuch = client_->patch(ticket, 0, 0, huge);
    EXPECT_EQ(tooMuch.status, 413);
    EXPECT_EQ(tooMuch.errorCode(), "page_too_large");

    EXPECT_EQ(client_->patch(ticket, 7, 0, "abc").status, 404);
    EXPECT_EQ(client_->head(ticket, 3).status, 404);
    EXPECT_EQ(client_->head(ticket, 0).header("Upload-Offset"), "0");
}

TEST_F(PagesTest, APageOfTwentyMebibytesIsAccepted) {
    const std::string page = pageBytes(protocol::kMaxPageBytes, 13);
    const std::string ticket = create({page});
    const HttpAnswer answer = client_->upload(ticket, 0, page, 4 * 1024 * 1024);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["received"], protocol::kMaxPageBytes);
    EXPECT_EQ(answer.json()["complete"], true);
}

}  // namespace
}  // namespace balie::test
