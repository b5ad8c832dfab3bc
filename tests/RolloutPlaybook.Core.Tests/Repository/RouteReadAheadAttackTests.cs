using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Hostile cases for the route scan's read-ahead (RouteReadAhead and RouteInventory.Scan's streaming path): what the
    /// scan on one thread does (in plan-path order, only the first file per plan path) is what the read-ahead must do.
    /// </summary>
    [Collection("Route read-ahead threads")]
    public sealed class RouteReadAheadAttackTests : IDisposable
    {
        private readonly string temp = Path.Combine(Path.GetTempPath(), "rp-ahead-attack-" + Guid.NewGuid().ToString("N").Substring(0, 10));

        public void Dispose()
        {
            try { Directory.Delete(temp, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private void Make(string relative, string text)
        {
            var full = Path.Combine(temp, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        /// <summary>Many route folders (listing order not plan order), and folders holding two files for one plan path.</summary>
        private RolloutPlan AppWithDuplicates()
        {
            var plan = new RolloutPlan { Connector = "acme" };
            for (int i = 0; i < 60; i++)
            {
                Make($"src/app/api/acme/r{i}/route.ts", "export async function GET() {\n  return Response.json({ i: " + i + " });\n}\n");
                // route.js sorts before route.ts: the .js file is the route, the .ts file loses its plan path.
                if (i % 4 == 0) Make($"src/app/api/acme/r{i}/route.js", "export async function PUT() {\n  return Response.json({ js: " + i + " });\n}\n");
            }
            plan.Routes.Add(new RolloutRoute { Path = "/api/acme/r0", Methods = { RouteMethod.PUT } });
            return plan;
        }

        private (RouteInventory Inventory, ModuleGraph Graph, List<string> Analysed) Scan(RolloutPlan plan, bool readAhead, Action<string>? analysed = null)
        {
            var layout = RepositoryLayout.For(plan, temp);
            var graph = new ModuleGraph(layout);
            var seen = new List<string>();
            var options = new RouteScanOptions { ReadAhead = readAhead, FileAnalysed = f => { seen.Add(f); analysed?.Invoke(f); } };
            var inventory = RouteInventory.Scan(layout, plan.Routes.Select(r => r.Path), options, graph, new CodeRecognition());
            return (inventory, graph, seen);
        }

        /// <summary>
        /// The one-thread scan reads and analyses only the first file of each plan path (files, a SortedDictionary keyed by
        /// plan path). The read-ahead analyses files as the listing finds them, before it knows which file of a plan path
        /// is the route: a second file for a plan path already analysed waits for the build, and one analysed that turns
        /// out not to be the route is taken back out of the module graph. So the graph holds exactly what the one-thread
        /// scan's graph holds (ModuleGraph.FilesRead, public), and the extra analyses are of files that are no route.
        /// </summary>
        [Fact]
        public void AFileThatLosesItsPlanPathIsNotKeptByTheReadAhead()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            var one = Scan(plan, readAhead: false);
            var ahead = Scan(plan, readAhead: true);
            Assert.Equal(one.Inventory.Routes.Select(r => r.FilePath), ahead.Inventory.Routes.Select(r => r.FilePath));
            // 60 routes; the 15 route.ts files beside a route.js are no route.
            Assert.Equal(60, one.Analysed.Count);
            Assert.Equal(60, one.Graph.FilesRead);
            Assert.Equal(one.Graph.FilesRead, ahead.Graph.FilesRead);
            Assert.Subset(new HashSet<string>(ahead.Analysed), new HashSet<string>(one.Analysed));
            var routes = new HashSet<string>(one.Inventory.Routes.Select(r => r.FilePath));
            Assert.All(ahead.Analysed.Except(one.Analysed), f => Assert.DoesNotContain(f, routes));
            // At most one file per plan path was analysed before the build: 60 plan paths, at most 60 early analyses plus
            // the deferred routes analysed at the build, never both files of a folder twice over.
            Assert.InRange(ahead.Analysed.Count, 60, 75);
            Assert.Equal(ahead.Analysed.Count, ahead.Analysed.Distinct().Count());
        }

        /// <summary>A loser that a route imports stays in the graph, as the one-thread scan loads it for the import.</summary>
        [Fact]
        public void AFileThatLosesItsPlanPathButIsImportedStaysInTheGraph()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            Make("src/app/api/acme/zz/route.ts", "import { GET as other } from '../r4/route';\nexport async function GET(req) {\n  return other(req);\n}\n");
            var one = Scan(plan, readAhead: false);
            var ahead = Scan(plan, readAhead: true);
            Assert.Equal(62, one.Graph.FilesRead); // 61 routes and r4's route.ts, loaded for the import
            Assert.Equal(one.Graph.FilesRead, ahead.Graph.FilesRead);
        }

        /// <summary>
        /// An exception of the analysis (here the scan's own hook; anything the analysis of a file throws) is thrown by the
        /// read-ahead at the first file in the listing's order, by the one-thread scan at the first in plan-path order:
        /// the two paths fail differently on the same repository.
        /// </summary>
        [Fact]
        public void AnAnalysisFailureIsTheOneTheOneThreadScanMeets()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            Action<string> fail = f => throw new InvalidDataException("stop at " + f.Substring(temp.Length));
            var one = Assert.Throws<InvalidDataException>(() => Scan(plan, false, fail));
            var ahead = Assert.Throws<InvalidDataException>(() => Scan(plan, true, fail));
            Assert.Equal(one.Message, ahead.Message);
        }
    }
}
