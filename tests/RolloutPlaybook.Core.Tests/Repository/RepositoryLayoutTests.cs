using System.Collections.Generic;
using System.IO;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class RepositoryLayoutTests
    {
        private static void Refused(TempRepo repo, string connector, System.Action<RepositorySettings>? settings = null)
        {
            var ex = Assert.Throws<RolloutException>(() => repo.Layout(connector, settings));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidArgument, ex.Kind);
        }

        [Theory]
        [InlineData("../etc")]
        [InlineData("..")]
        [InlineData("a/b")]
        [InlineData("/abs")]
        [InlineData("Slack")]
        [InlineData("")]
        public void ConnectorSlugCannotNameAPath(string connector)
        {
            using var repo = new TempRepo();
            Refused(repo, connector);
        }

        [Theory]
        [InlineData("../../etc")]
        [InlineData("src/../../etc")]
        [InlineData("/etc")]
        [InlineData("\\etc")]
        [InlineData("C:\\Windows")]
        [InlineData("~/x")]
        [InlineData("src\\..\\..\\x")]
        public void ConfiguredPathsCannotEscape(string path)
        {
            using var repo = new TempRepo();
            Refused(repo, "slack", s => s.Routes = path);
            Refused(repo, "slack", s => s.Migrations = new List<string> { path });
            Refused(repo, "slack", s => s.Docs = path);
            Refused(repo, "slack", s => s.Code = new List<string> { "src/lib/slack", path });
        }

        [Fact]
        public void SymbolicLinkOutOfTheRepositoryIsRefused()
        {
            using var repo = new TempRepo();
            using var outside = new TempRepo();
            outside.File("api/slack/x/route.ts", "export function GET() {}");
            Directory.CreateDirectory(Path.Combine(repo.Root, "src"));
            Directory.CreateSymbolicLink(Path.Combine(repo.Root, "src", "api"), Path.Combine(outside.Root, "api"));
            Refused(repo, "slack", s => s.Routes = "src/api");
            Refused(repo, "slack", s => s.Code = new List<string> { "src/api/slack" });
        }

        [Fact]
        public void DefaultsFollowTheSpec()
        {
            using var repo = new TempRepo();
            var layout = repo.Layout("google-workspace");
            Assert.Equal("src/app/api", layout.Relative(layout.RoutesRoot));
            Assert.Equal("src/app/api/google-workspace", layout.Relative(layout.ConnectorRouteFolder));
            Assert.Equal("supabase/migrations", layout.Relative(layout.MigrationsRoot));
            Assert.Equal("src/docs", layout.Relative(layout.DocsRoot));
            Assert.Equal("src/docs/GOOGLE-WORKSPACE-ROLLOUT-PLAN.md", layout.Relative(layout.RolloutDocumentPath));
            Assert.Equal(".env.example", layout.Relative(layout.EnvExamplePath));
            Assert.Equal(2, layout.CodePaths.Count);
            Assert.Equal("src/lib/google-workspace", layout.Relative(layout.CodePaths[0]));
            Assert.EndsWith("src/lib/connectors/google-workspace*", layout.CodePaths[1].Replace('\\', '/'));
        }

        [Fact]
        public void OverridesAreUsed()
        {
            using var repo = new TempRepo();
            var layout = repo.Layout("slack", s => { s.Routes = "app/api/"; s.Migrations = new List<string> { "./db/migrations" }; s.Docs = "docs"; s.Code = new List<string> { "lib/slack.ts" }; });
            Assert.Equal("app/api/slack", layout.Relative(layout.ConnectorRouteFolder));
            Assert.Equal("db/migrations", layout.Relative(layout.MigrationsRoot));
            Assert.Equal("docs/SLACK-ROLLOUT-PLAN.md", layout.Relative(layout.RolloutDocumentPath));
            Assert.Equal("lib/slack.ts", layout.Relative(Assert.Single(layout.CodePaths)));
        }

        [Fact]
        public void MissingRepositoryIsNotFound()
        {
            var ex = Assert.Throws<RolloutException>(() => RepositoryLayout.For(new RolloutPlan { Connector = "slack" }, Path.Combine(Path.GetTempPath(), "no-such-repo-" + System.Guid.NewGuid())));
            Assert.Equal("RepositoryNotFound", ex.ErrorId);
        }
    }
}
