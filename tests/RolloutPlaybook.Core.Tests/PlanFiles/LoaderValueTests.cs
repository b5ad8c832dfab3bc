using System;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    public class LoaderValueTests
    {
        private static RolloutPlan Load(string body) => PlanFileStore.Parse(Encoding.UTF8.GetBytes("schemaVersion: 1\nconnector: slack\n" + body), "p.yaml");

        [Theory]
        [InlineData("4m", 240.0, "4m")]
        [InlineData("1.2s", 1.2, "1.2s")]
        [InlineData("30m", 1800.0, "30m")]
        [InlineData("1h", 3600.0, "1h")]
        [InlineData("1h30m", 5400.0, "90m")]
        [InlineData("90s", 90.0, "90s")]
        [InlineData("250ms", 0.25, "250ms")]
        [InlineData("0s", 0.0, "0s")]
        [InlineData("2d", 172800.0, "2d")]
        public void DurationsParseAndWriteInTheirCanonicalSpelling(string text, double seconds, string canonical)
        {
            var plan = Load("sync:\n  lease: " + text + "\n");
            Assert.Equal(seconds, plan.Sync.Lease!.Value.TotalSeconds, 6);
            Assert.Equal(canonical, plan.Sync.Lease!.Value.ToString());
        }

        [Fact]
        public void RateLimitMappingAndShortForm()
        {
            var a = Load("intake:\n  sourceLimits:\n    rateLimit: { requests: 50, per: 1m }\n");
            var b = Load("intake:\n  sourceLimits:\n    rateLimit: 50/1m\n");
            Assert.Equal(50, a.Intake.SourceLimits.RateLimit!.Requests);
            Assert.Equal(TimeSpan.FromMinutes(1), a.Intake.SourceLimits.RateLimit!.Per.Value);
            Assert.Equal(a.Intake.SourceLimits.RateLimit, b.Intake.SourceLimits.RateLimit);
        }

        [Fact]
        public void EnumerationsAreCaseInsensitiveAndAcceptMemberNames()
        {
            var plan = Load("pattern: CUSTOM\nsource:\n  pullMode: Incremental\nlinkingPoints:\n  - { source: a, cardinality: 1:n, enforcedIn: APP }\n  - { source: b, cardinality: OneToOne }\nsync:\n  watermarkAdvance: After-Write\n");
            Assert.Equal(ConnectorPattern.Custom, plan.Pattern);
            Assert.Equal(PullMode.Incremental, plan.Source.PullMode);
            Assert.Equal(Cardinality.OneToMany, plan.LinkingPoints[0].Cardinality);
            Assert.Equal(EnforcedIn.App, plan.LinkingPoints[0].EnforcedIn);
            Assert.Equal(Cardinality.OneToOne, plan.LinkingPoints[1].Cardinality);
            Assert.Equal(WatermarkAdvance.AfterWrite, plan.Sync.WatermarkAdvance);
        }

        [Fact]
        public void DatesAndSingleMethodScalar()
        {
            var plan = Load("waivers:\n  - { rule: RP.Sync.RateBudget, reason: r, expires: 2026-12-31 }\nroutes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes:\n      - { table: t, method: POST, action: reject }\n      - { table: t, method: [PUT, PATCH], action: update, onConflict: a }\n");
            Assert.Equal(new DateTime(2026, 12, 31), plan.Waivers[0].Expires);
            Assert.Equal(new[] { RouteMethod.POST }, plan.Routes[0].Writes[0].Method);
            Assert.Equal(new[] { RouteMethod.PUT, RouteMethod.PATCH }, plan.Routes[0].Writes[1].Method);
        }

        [Fact]
        public void PositionsOfKeysAreKept()
        {
            var plan = Load("linkingPoints:\n  - source: a\n    cardinality: \"1:1\"\n");
            var at = plan.GetLocation("linkingPoints[0].cardinality");
            Assert.NotNull(at);
            Assert.Equal(5, at!.Line);
            Assert.Equal(5, at.Column);
            Assert.Equal("p.yaml", at.File);
            Assert.Equal(4, plan.GetLocation("linkingPoints[0].remap")!.Line); // falls back to the enclosing item
        }

        [Fact]
        public void JsonFilesLoadToo()
        {
            var plan = PlanFileStore.Parse(Encoding.UTF8.GetBytes("{\"schemaVersion\": 1, \"connector\": \"slack\", \"linkingPoints\": [{\"source\": \"slack_user\", \"cardinality\": \"1:1\"}]}"), "p.json");
            Assert.Equal("slack_user", plan.LinkingPoints[0].Source);
        }

        [Fact]
        public void ByteOrderMarkAndCrLfAreAccepted()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF };
            var body = Encoding.UTF8.GetBytes("schemaVersion: 1\r\nconnector: slack\r\n");
            var all = new byte[bytes.Length + body.Length];
            bytes.CopyTo(all, 0); body.CopyTo(all, bytes.Length);
            Assert.Equal("slack", PlanFileStore.Parse(all, null).Connector);
        }

        [Fact]
        public void LoadingGivesTheFileAsItIsAndAnEditResolvesTheIntakeQuestionsTheFileAnswers()
        {
            var plan = Load("linkingPoints:\n  - { source: a, cardinality: \"1:1\" }\nopenQuestions:\n  - \"Intake Q1 (linking points): which?\"\n  - \"Intake Q3 (urgent phase): which?\"\n  - Keep this one?\n");
            Assert.Equal(new[] { "Intake Q1 (linking points): which?", "Intake Q3 (urgent phase): which?", "Keep this one?" }, plan.OpenQuestions);
            Core.Authoring.PlanEditor.Apply(plan, Core.Authoring.PlanEdit.Of("nothing", (p, c) => { }), replace: false);
            Assert.Equal(new[] { "Intake Q3 (urgent phase): which?", "Keep this one?" }, plan.OpenQuestions);
        }
    }
}
