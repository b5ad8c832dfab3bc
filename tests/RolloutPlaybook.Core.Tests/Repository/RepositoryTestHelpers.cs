using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>A throw-away repository folder for one test.</summary>
    internal sealed class TempRepo : IDisposable
    {
        public TempRepo()
        {
            Root = Path.Combine(Path.GetTempPath(), "rp-repo-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public TempRepo File(string relative, string text)
        {
            var full = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            System.IO.File.WriteAllText(full, text);
            return this;
        }

        public RepositoryLayout Layout(string connector = "slack", Action<RepositorySettings>? settings = null)
        {
            var plan = new RolloutPlan { Connector = connector };
            settings?.Invoke(plan.Repository);
            return RepositoryLayout.For(plan, Root);
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    internal static class Scan
    {
        public static IReadOnlyList<RouteHandler> Handlers(string code) =>
            new RouteHandlerReader(ScriptSource.Parse(code),
                new Regex(RouteScanOptions.DefaultAuthGuardPattern), new Regex(RouteScanOptions.DefaultValidationPattern)).Read();

        public static RouteHandler Handler(string code, RouteMethod method) => Handlers(code).Single(h => h.Method == method);

        public static string Methods(string code) => string.Join(",", Handlers(code).Select(h => h.Method));
    }
}
