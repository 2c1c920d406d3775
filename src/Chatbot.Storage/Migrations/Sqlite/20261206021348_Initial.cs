using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chatbot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answers",
                columns: table => new
                {
                    AnswerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", nullable: false),
                    Covered = table.Column<bool>(type: "INTEGER", nullable: false),
                    Backend = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Sources = table.Column<string>(type: "TEXT", nullable: false),
                    Sentences = table.Column<int>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<int>(type: "INTEGER", nullable: false),
                    FlagKinds = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CuratedQuestion = table.Column<string>(type: "TEXT", nullable: true),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: true),
                    FeedbackComment = table.Column<string>(type: "TEXT", nullable: true),
                    FeedbackAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answers", x => x.AnswerId);
                });

            migrationBuilder.CreateTable(
                name: "handoffs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastQuestion = table.Column<string>(type: "TEXT", nullable: true),
                    Delivered = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "state_items",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_state_items", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "transcripts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromRole = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transcripts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answers_At",
                table: "answers",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_answers_ChannelId_ConversationId",
                table: "answers",
                columns: new[] { "ChannelId", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_At",
                table: "handoffs",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_transcripts_ChannelId_ConversationId_Timestamp",
                table: "transcripts",
                columns: new[] { "ChannelId", "ConversationId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_transcripts_Timestamp",
                table: "transcripts",
                column: "Timestamp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answers");

            migrationBuilder.DropTable(
                name: "handoffs");

            migrationBuilder.DropTable(
                name: "state_items");

            migrationBuilder.DropTable(
                name: "transcripts");
        }
    }
}
