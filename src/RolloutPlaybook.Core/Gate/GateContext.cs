using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>A rule of the gate: its catalogue entry and how it is evaluated.</summary>
    public interface IGateRule
    {
        RolloutRule Rule { get; }
        /// <summary>One result per target; repository rules are only called when a repository was given.</summary>
        IEnumerable<GateResult> Evaluate(GateContext context);
    }

    /// <summary>What a rule sees: the plan, the repository (when given) and helpers to build positioned results.</summary>
    public sealed class GateContext
    {
        private RepositorySnapshot? repository;

        public GateContext(RolloutPlan plan, string? repositoryRoot, CancellationToken cancellation)
        {
            Plan = plan; RepositoryRoot = repositoryRoot; Cancellation = cancellation;
        }

        public RolloutPlan Plan { get; }
        public string? RepositoryRoot { get; }
        public CancellationToken Cancellation { get; }
        /// <summary>The live database (read-only), when the gate was given one.</summary>
        public Database.ILiveDatabase? Database { get; set; }
        /// <summary>The repository is scanned on the calling thread alone (<see cref="GateOptions.OneThread"/>).</summary>
        internal bool OneThread { get; set; }

        /// <summary>The scanned repository, scanned once per plan on first use.</summary>
        public RepositorySnapshot Repository
            => repository ?? (repository = new RepositorySnapshot(Plan, RepositoryRoot ?? throw new System.InvalidOperationException("no repository"), Cancellation) { OneThread = OneThread });

        // routes[i] for each plan route, made on first use: every route rule names its routes by this key. Valid for the
        // run: the key depends on the index only, and a context serves one evaluation of one plan.
        private string[]? routeKeys;

        /// <summary><c>routes[i]</c>: the plan key of the route at <paramref name="index"/>, made once per gate run.</summary>
        internal string RouteKey(int index)
        {
            var keys = routeKeys ??= new string[Plan.Routes.Count];
            if (index < 0 || index >= keys.Length) return Rules.PlanKeys.Index("routes", index);
            return keys[index] ??= Rules.PlanKeys.Index("routes", index);
        }

        // file:line of each handler a rule has named, by the handler object (one per handler of the inventory, which is
        // scanned once per run): Guarded, BodyValidated, OnConflictDocumented and RoutesMatch name the same handlers.
        private Dictionary<Core.Repository.RouteHandler, string>? handlerAt;

        /// <summary><c>file:line</c> of a handler of a route file (<see cref="Core.Repository.RouteFile.At"/>), made once per gate run.</summary>
        internal string HandlerAt(Core.Repository.RouteFile file, Core.Repository.RouteHandler handler)
        {
            var known = handlerAt ??= new Dictionary<Core.Repository.RouteHandler, string>();
            if (!known.TryGetValue(handler, out var at)) known.Add(handler, at = file.At(handler.Line));
            return at;
        }

        /// <summary><c>file:line</c> of a plan key, or the key path when the plan has no file.</summary>
        public string PlanEvidence(string keyPath) => PlanEvidence(keyPath, Plan.GetLocation(keyPath));

        private string PlanEvidence(string keyPath, PlanLocation? location)
        {
            if (location == null) return InRepository(Plan.SourcePath) + " " + keyPath;
            return InRepository(location.File ?? Plan.SourcePath) + ":" + location.Line.ToString(CultureInfo.InvariantCulture);
        }

        // The last plan file InRepository was asked about and its answer: every result of a gate run asks about the plan's
        // own file (or the few files it includes), so this turns two Path.GetFullPath calls per result into a compare.
        // Keyed by the path string itself; kept only for a fully qualified path, whose full form does not depend on the
        // current directory, and RepositoryRoot never changes for this context, so the answer holds for the whole run.
        private string? inRepositoryPath, inRepositoryAnswer, rootPrefix;

        /// <summary>A plan file as evidence shows it: relative to the repository (like the code evidence) when it lies inside it.</summary>
        private string InRepository(string? path)
        {
            if (path == null) return "<plan>";
            if (RepositoryRoot == null) return path;
            if (ReferenceEquals(path, inRepositoryPath) || (inRepositoryPath != null && string.Equals(path, inRepositoryPath, System.StringComparison.Ordinal)))
                return inRepositoryAnswer!;
            var root = FullyQualified(RepositoryRoot) ? rootPrefix ??= RootPrefix(RepositoryRoot) : RootPrefix(RepositoryRoot);
            var full = System.IO.Path.GetFullPath(path);
            var comparison = System.IO.Path.DirectorySeparatorChar == '\\' ? System.StringComparison.OrdinalIgnoreCase : System.StringComparison.Ordinal;
            var answer = full.StartsWith(root, comparison) ? full.Substring(root.Length).Replace('\\', '/') : path;
            if (FullyQualified(path) && ReferenceEquals(root, rootPrefix)) { inRepositoryPath = path; inRepositoryAnswer = answer; }
            return answer;
        }

        private static string RootPrefix(string root)
            => System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;

        /// <summary>
        /// A path whose full form does not depend on the current directory or drive: <c>/x</c> where '/' is the separator;
        /// <c>C:\x</c>, <c>C:/x</c> or a UNC/device path (<c>\\server\x</c>, <c>//server/x</c>) on Windows.
        /// </summary>
        private static bool FullyQualified(string path)
        {
            if (System.IO.Path.DirectorySeparatorChar == '/') return path.Length > 0 && path[0] == '/';
            if (path.Length >= 3 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) return true;
            return path.Length >= 2 && (path[0] == '\\' || path[0] == '/') && (path[1] == '\\' || path[1] == '/');
        }

        /// <summary>A result about a plan key; the key's position becomes PlanFile/PlanLine and the first evidence.</summary>
        public GateResult Result(RolloutRule rule, GateOutcome outcome, string target, string message, string planKey,
            PhaseName? phase = null, IEnumerable<string>? evidence = null)
        {
            var location = Plan.GetLocation(planKey);
            var all = Evidence(PlanEvidence(planKey, location), evidence);
            // One secret policy on the way out too: a result (and every report built from it) never quotes a secret,
            // even from a plan changed in memory.
            // The plan key's evidence (first) is made for this result; the code evidence after it recurs across results.
            all[0] = Security.SecretDetector.Redact(all[0]);
            for (int i = 1; i < all.Length; i++) all[i] = RedactEvidence(all[i]);
            target = Security.SecretDetector.Redact(target);
            message = Security.SecretDetector.Redact(message);
            return new GateResult
            {
                RuleId = rule.Id,
                Category = CategoryName(rule.Category),
                Outcome = outcome,
                Target = target,
                Message = message,
                Recommendation = outcome == GateOutcome.Pass ? "" : rule.Recommendation,
                Connector = Plan.Connector,
                PlanFile = location?.File ?? Plan.SourcePath,
                PlanLine = location?.Line,
                PlanKey = planKey,
                Phase = phase,
                Evidence = all,
            };
        }

        // Evidence strings this context has redacted without a change, by reference: the same file:line strings stand in
        // the results of several rules (HandlerAt, a guard's or a write's place), and a string is immutable, so the
        // secret policy's answer for the same object is the same for the whole run (SecretDetector is deterministic).
        private HashSet<string>? cleanEvidence;

        /// <summary><see cref="Security.SecretDetector.Redact"/> of an evidence string, skipped for a string object already found clean.</summary>
        private string RedactEvidence(string text)
        {
            if (text == null) return text!;
            var clean = cleanEvidence ??= new HashSet<string>(SameObject.Instance);
            if (clean.Contains(text)) return text;
            var redacted = Security.SecretDetector.Redact(text);
            if (ReferenceEquals(redacted, text)) clean.Add(text);
            return redacted;
        }

        /// <summary>Strings compared as objects (reference identity), not by their characters.</summary>
        private sealed class SameObject : IEqualityComparer<string>
        {
            public static readonly SameObject Instance = new SameObject();
            public bool Equals(string? x, string? y) => ReferenceEquals(x, y);
            public int GetHashCode(string obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        /// <summary>The plan key's evidence first, then each other evidence string once, in order (ordinal equality, nulls kept once).</summary>
        private static string[] Evidence(string first, IEnumerable<string>? evidence)
        {
            if (evidence == null) return new[] { first };
            // Evidence lists are a few strings: an array searched as it fills (Array.IndexOf compares as List.Contains
            // does), no set, no LINQ; cut to what was kept when a string came twice.
            var all = new string[evidence is ICollection<string> collection ? collection.Count + 1 : 4];
            all[0] = first;
            int kept = 1;
            foreach (var e in evidence)
            {
                if (Array.IndexOf(all, e, 0, kept) >= 0) continue;
                if (kept == all.Length) Array.Resize(ref all, kept * 2);
                all[kept++] = e;
            }
            if (kept != all.Length) Array.Resize(ref all, kept);
            return all;
        }

        /// <summary>A category as results spell it (<c>Api</c>): its enum name, looked up instead of formatted for every result.</summary>
        private static string CategoryName(RuleCategory category)
        {
            int i = (int)category;
            return i >= 0 && i < CategoryNames.Length ? CategoryNames[i] : category.ToString();
        }

        // Indexed by the enum's value (0..n-1, declared in order); a value outside them is formatted as ToString() would.
        private static readonly string[] CategoryNames = BuildCategoryNames();

        private static string[] BuildCategoryNames()
        {
            var names = new string[Enum.GetValues(typeof(RuleCategory)).Length];
            for (int i = 0; i < names.Length; i++) names[i] = ((RuleCategory)i).ToString();
            return names;
        }

        /// <summary>Pass when there are no problems, else the failing outcome with the problems joined into one message.</summary>
        public GateResult Verdict(RolloutRule rule, IReadOnlyList<string> problems, string passMessage, string target, string planKey,
            PhaseName? phase = null, IEnumerable<string>? evidence = null, GateOutcome failing = GateOutcome.Fail)
            => problems.Count == 0
                ? Result(rule, GateOutcome.Pass, target, passMessage, planKey, phase, evidence)
                : Result(rule, failing, target, Sentence(problems), planKey, phase, evidence);

        internal static string Sentence(IReadOnlyList<string> problems)
        {
            var text = string.Join("; ", problems);
            // Capitalise a sentence, not a leading file path or identifier ("src/app/...", "slack_user"): look at the
            // first word (up to the first space) only.
            int firstWordEnd = text.IndexOf(' ');
            if (firstWordEnd < 0) firstWordEnd = text.Length;
            if (text.Length > 0 && text.IndexOfAny(NotASentenceStart, 0, firstWordEnd) < 0) text = char.ToUpperInvariant(text[0]) + text.Substring(1);
            return text.EndsWith(".") ? text : text + ".";
        }

        private static readonly char[] NotASentenceStart = { '/', '.', '_', ':', '\'' };
    }
}
