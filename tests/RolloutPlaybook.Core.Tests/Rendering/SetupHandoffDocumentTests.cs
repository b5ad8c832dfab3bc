using System.Linq;
using System.Text.Json;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    public class SetupHandoffDocumentTests
    {
        [Fact]
        public void SecretValuesAreNeverRenderedInAnyFormat()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Env[0].Value = "xoxb-leak-me";
            foreach (var format in new[] { HandoffFormat.Markdown, HandoffFormat.Json, HandoffFormat.DotEnv })
                Assert.DoesNotContain("xoxb-leak-me", SetupHandoffDocument.Render(plan, format));
            var env = SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv);
            Assert.Contains("\nSLACK_BOT_TOKEN=\n", env);
        }

        [Fact]
        public void JsonRefusesATemplate()
        {
            var ex = Assert.Throws<RolloutException>(() => SetupHandoffDocument.Render(DocumentPlans.Example(), HandoffFormat.Json, "x.scriban"));
            Assert.Equal("TemplateNotSupported", ex.ErrorId);
        }

        [Fact]
        public void HandoffWithGapsRendersWithEveryGapMarked()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Scopes[1].Reason = null;
            plan.Handoff.Env[1].Deploy = null;
            plan.Handoff.Env[2].Purpose = null;
            plan.Handoff.SmokeTests[2].Expect = null;
            plan.Handoff.Migrations.Clear();

            var gaps = SetupHandoffDocument.Gaps(plan).Select(g => g.Path).ToArray();
            Assert.Equal(new[] { "scopes[1].reason", "env[1].deploy", "env[2].purpose", "migrations", "smokeTests[2].expect" }, gaps);

            var md = SetupHandoffDocument.Render(plan, HandoffFormat.Markdown);
            Assert.Contains("**Incomplete:** 5 items are missing.", md);
            Assert.Contains("| `channels:history` | **MISSING:** reason |", md);
            Assert.Contains("| `CRON_SECRET` | yes | authenticates the cron sync route | .env.local | **MISSING** |", md);
            Assert.Contains("| `SLACK_SYNC_PAGE_CAP` | no | **MISSING** |", md);
            Assert.Contains("**MISSING:** the migration files to apply", md);
            Assert.Contains("| 3 | GET /api/cron/slack-sync with the CRON_SECRET bearer token | **MISSING:** expected result |", md);
            Assert.Empty(MarkdownLint.Check(md));

            var env = SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv);
            Assert.Contains("# local: .env.local; deploy: MISSING\nCRON_SECRET=\n", env);
            Assert.Contains("# SLACK_SYNC_PAGE_CAP: MISSING purpose\n", env);

            using var json = JsonDocument.Parse(SetupHandoffDocument.Render(plan, HandoffFormat.Json));
            Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
            Assert.Equal(gaps.Select(g => "handoff." + g), json.RootElement.GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("path").GetString()));
        }

        [Fact]
        public void EmptyPlanHandoffNamesEveryMissingPart()
        {
            var plan = DocumentPlans.Empty();
            var md = SetupHandoffDocument.Render(plan, HandoffFormat.Markdown);
            foreach (var part in new[] { "handoff.externalApp", "handoff.scopes", "handoff.env", "handoff.migrations", "handoff.smokeTests" })
                Assert.Contains("(`" + part + "`)", md);
            Assert.Empty(MarkdownLint.Check(md));
            Assert.Contains("# MISSING: the plan lists no environment variables", SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv));
        }

        [Fact]
        public void TabularConnectorNeedsNoExternalAppSteps()
        {
            var plan = DocumentPlans.Example();
            plan.Pattern = ConnectorPattern.Tabular;
            plan.Handoff.ExternalApp.Clear();
            Assert.Empty(SetupHandoffDocument.Gaps(plan));
            Assert.Contains("No external app is needed", SetupHandoffDocument.Render(plan, HandoffFormat.Markdown));
        }

        [Fact]
        public void MigrationsAreListedInApplyOrder()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Migrations.Reverse();
            plan.Handoff.Migrations.Add("supabase/migrations/20260101_first.sql");
            var md = SetupHandoffDocument.Render(plan, HandoffFormat.Markdown);
            Assert.Contains("1. `supabase/migrations/20260101_first.sql`\n2. `supabase/migrations/20260210_slack_messages.sql`\n3. `supabase/migrations/20260211_slack_one_to_one_index.sql`\n", md);
        }

        [Fact]
        public void DotEnvQuotesValuesThatNeedIt()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Env[2].Value = "two words \"quoted\" $HOME";
            Assert.Contains("\nSLACK_SYNC_PAGE_CAP=\"two words \\\"quoted\\\" \\$HOME\"\n", SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv));
        }

        [Fact]
        public void DotEnvListsEveryVariableOnceAndNoSecretValue()
        {
            var plan = DocumentPlans.Example();
            var lines = SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv).Split('\n').Where(l => l.Length > 0 && !l.StartsWith("#")).ToArray();
            Assert.Equal(new[] { "SLACK_BOT_TOKEN=", "CRON_SECRET=", "SLACK_SYNC_PAGE_CAP=5" }, lines);
        }

        [Fact]
        public void JsonHasAFixedKeyOrder()
        {
            using var json = JsonDocument.Parse(SetupHandoffDocument.Render(DocumentPlans.Example(), HandoffFormat.Json));
            Assert.Equal(new[] { "connector", "title", "externalSystem", "complete", "externalAppNeeded", "externalApp", "scopes", "env", "migrations", "smokeTests", "gaps" },
                json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { "name", "secret", "purpose", "local", "deploy", "value" }, json.RootElement.GetProperty("env")[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("env")[0].GetProperty("value").ValueKind);
        }

        [Fact]
        public void GoldenMarkdown() => GoldenFiles.AssertMatches("slack.setup-handoff.md", SetupHandoffDocument.Render(DocumentPlans.Example(), HandoffFormat.Markdown));

        [Fact]
        public void GoldenJson() => GoldenFiles.AssertMatches("slack.setup-handoff.json", SetupHandoffDocument.Render(DocumentPlans.Example(), HandoffFormat.Json));

        [Fact]
        public void GoldenDotEnv() => GoldenFiles.AssertMatches("slack.env.example", SetupHandoffDocument.Render(DocumentPlans.Example(), HandoffFormat.DotEnv));
    }
}
