using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>What the gate evaluates and how: rule/category/phase filters, the repository, the clock.</summary>
    public sealed class GateOptions
    {
        /// <summary>The application repository's root (absolute); null: repository rules are skipped.</summary>
        public string? RepositoryRoot { get; set; }
        /// <summary>Rule id patterns (wildcards <c>*</c> and <c>?</c>); empty: every rule.</summary>
        public IReadOnlyList<string> Rules { get; set; } = Array.Empty<string>();
        /// <summary>Categories (Map, Sync, ...); empty: every category.</summary>
        public IReadOnlyList<string> Categories { get; set; } = Array.Empty<string>();
        /// <summary>Phases; empty: every phase. Rules about other phases, and targets in other phases, are left out.</summary>
        public IReadOnlyList<PhaseName> Phases { get; set; } = Array.Empty<PhaseName>();
        /// <summary>The day waivers are checked against (UTC date); default today.</summary>
        public DateTime? Today { get; set; }
        public CancellationToken Cancellation { get; set; }
        /// <summary>Called before each rule is evaluated (rule, index, count).</summary>
        public Action<GateProgress>? Progress { get; set; }
        /// <summary>The live database (SPEC §10), opened read-only by the caller; null: the database rules are skipped.</summary>
        public Database.ILiveDatabase? Database { get; set; }
        /// <summary>Why there is no database, when the reason is not simply that none was asked for (e.g. the edition cannot load the driver).</summary>
        public string? DatabaseUnavailable { get; set; }
        /// <summary>
        /// Everything on the calling thread: no read-ahead of route files (<see cref="Core.Repository.RouteScanOptions.ReadAhead"/>).
        /// For the benchmark's one-thread row and the tests that compare both; the results are the same either way.
        /// </summary>
        internal bool OneThread { get; set; }
    }

    /// <summary>Where the gate stands: which rule of how many, for which plan.</summary>
    public sealed class GateProgress
    {
        public GateProgress(string connector, RolloutRule rule, int index, int count) { Connector = connector; Rule = rule; Index = index; Count = count; }
        public string Connector { get; }
        public RolloutRule Rule { get; }
        public int Index { get; }
        public int Count { get; }
        public int Percent => Count == 0 ? 100 : Index * 100 / Count;
    }

    /// <summary>The review gate as the cmdlets see it: plans in, results out (lazily, rule by rule).</summary>
    public interface IGateEngine
    {
        IReadOnlyList<RolloutRule> Rules { get; }
        IEnumerable<GateResult> Evaluate(RolloutPlan plan, GateOptions options);
    }

    /// <summary>
    /// Evaluates the rule catalogue against a plan: selects the rules (id, category, phase), runs each one,
    /// applies the plan's waivers, and reports expired waivers. Results stream out as each rule finishes.
    /// </summary>
    public sealed class GateEngine : IGateEngine
    {
        private readonly IReadOnlyList<IGateRule> rules;

        public GateEngine() : this(RuleCatalog.CreateRules()) { }

        internal GateEngine(IReadOnlyList<IGateRule> rules) { this.rules = rules; }

        public IReadOnlyList<RolloutRule> Rules => rules.Select(r => r.Rule).ToList();

        public IEnumerable<GateResult> Evaluate(RolloutPlan plan, GateOptions options)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            options = options ?? new GateOptions();
            var today = (options.Today ?? DateTime.UtcNow).Date;
            var selected = rules.Where(r => Selected(r.Rule, options)).ToList();
            var context = new GateContext(plan, options.RepositoryRoot, options.Cancellation) { Database = options.Database, OneThread = options.OneThread };
            var waivers = new WaiverBook(plan, today);
            // A repository path that is missing, or a plan path that escapes it, is an error before any result.
            if (options.RepositoryRoot != null && selected.Any(r => r.Rule.NeedsRepository)) _ = context.Repository;
            for (int i = 0; i < selected.Count; i++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var rule = selected[i];
                options.Progress?.Invoke(new GateProgress(plan.Connector, rule.Rule, i, selected.Count));
                IEnumerable<GateResult> results = rule.Rule.NeedsRepository && options.RepositoryRoot == null
                    ? new[] { context.Result(rule.Rule, GateOutcome.Skip, "repository",
                        "Not checked: this rule reads the application repository; give -RepositoryPath to run it.", "repository") }
                    : rule.Rule.NeedsDatabase && options.Database == null
                    ? new[] { context.Result(rule.Rule, GateOutcome.Skip, "database", options.DatabaseUnavailable ??
                        "Not checked: this rule reads the live database; give -Database with -ConnectionString or -ConnectionStringVariable to run it.",
                        rule.Rule == InvariantsRule.Info ? "invariants" : rule.Rule.NeedsRepository ? "repository" : "linkingPoints") }
                    : MissingPathFailures(context, rule.Rule) ?? rule.Evaluate(context);
                foreach (var result in results)
                {
                    if (options.Phases.Count > 0 && result.Phase.HasValue && !options.Phases.Contains(result.Phase.Value)) continue;
                    yield return waivers.Apply(result);
                }
            }
            if (Selected(WaiverBook.ExpiredRule, options))
                foreach (var expired in waivers.ExpiredWaiverResults(context)) yield return expired;
        }

        /// <summary>
        /// SPEC §8, never a Pass over nothing: when the plan configures a path the rule reads (a <c>repository.routes</c>,
        /// <c>pages</c>, <c>connectorRoutes</c>, <c>docs</c>, <c>code</c>, <c>migrations</c> or <c>envExample</c> entry) that names
        /// nothing there, the rule is not evaluated on what remains; instead it Fails once per such entry, at the entry's plan
        /// key. Null when the rule has nothing missing and runs.
        /// </summary>
        private static IEnumerable<GateResult>? MissingPathFailures(GateContext context, RolloutRule rule)
        {
            if (context.RepositoryRoot == null || !rule.NeedsRepository) return null;
            var missing = context.Repository.Layout.MissingPaths.Where(m => ReadsPath(rule, m.Key)).ToList();
            if (missing.Count == 0) return null;
            return missing.Select(m => context.Result(rule, GateOutcome.Fail, m.Entry,
                m.Key + ": " + m.Message + " Not checked: " + rule.Id + " reads " + WhatIsRead(m.Key) + " the plan names.", m.Key)).ToList();
        }

        private static string WhatIsRead(string key)
        {
            if (key.StartsWith("repository.envExample", StringComparison.Ordinal)) return "the env example files";
            if (key.StartsWith("repository.migrations", StringComparison.Ordinal)) return "the migrations";
            if (key.StartsWith("repository.code", StringComparison.Ordinal)) return "the connector's code";
            if (key.StartsWith("repository.docs", StringComparison.Ordinal)) return "the docs folder";
            return "the route files";
        }

        /// <summary>True when a rule reads what the configured path under <paramref name="key"/> names.</summary>
        internal static bool ReadsPath(RolloutRule rule, string key)
        {
            if (key.StartsWith("repository.migrations", StringComparison.Ordinal))
                return rule.Id == OneToOneEnforcedRule.Info.Id || rule.Id == MigrationsAppliedRule.Info.Id;
            if (key.StartsWith("repository.envExample", StringComparison.Ordinal) || key.StartsWith("repository.code", StringComparison.Ordinal))
                return rule.Id == EnvMatchRule.Info.Id;
            if (key.StartsWith("repository.docs", StringComparison.Ordinal))
                return rule.Id == DocumentCurrentRule.Info.Id;
            // The route files are the routes and handlers, what they write, and the connector's code the env scan reads.
            if (key == "repository.routes" || key == "repository.pages" || key.StartsWith("repository.connectorRoutes", StringComparison.Ordinal))
                return rule.Id == RoutesMatchRule.Info.Id || rule.Id == GuardedRule.Info.Id || rule.Id == BodyValidatedRule.Info.Id
                    || rule.Id == OnConflictDocumentedRule.Info.Id || rule.Id == EnvMatchRule.Info.Id;
            return false;
        }

        private static bool Selected(RolloutRule rule, GateOptions options)
        {
            if (options.Rules.Count > 0 && !options.Rules.Any(p => Wildcard.IsMatch(rule.Id, p))) return false;
            if (options.Categories.Count > 0 && !options.Categories.Any(c => string.Equals(c, rule.Category.ToString(), StringComparison.OrdinalIgnoreCase))) return false;
            if (options.Phases.Count > 0 && !rule.Phases.Any(p => options.Phases.Contains(p))) return false;
            return true;
        }
    }

    /// <summary>PowerShell-style wildcard matching (<c>*</c>, <c>?</c>, case-insensitive) without PowerShell.</summary>
    public static class Wildcard
    {
        public static bool IsMatch(string text, string pattern)
        {
            int t = 0, p = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))) { t++; p++; }
                else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
                else if (star >= 0) { p = star + 1; t = ++mark; }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}
