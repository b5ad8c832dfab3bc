using System;
using System.Collections.Generic;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Sync.RestartSafe: one result for the sync block.</summary>
    internal sealed class RestartSafeRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Sync.RestartSafe", RuleSeverity.Error,
            "Incremental sync names its cursor and watermarks, advances them after the write, and has an idempotency key.",
            "An incremental or hybrid sync must be able to restart at any point without losing or duplicating data: it names the cursor and the watermarks, advances the watermarks after the write (watermarkAdvance: after-write), and writes idempotently (idempotencyKey). A snapshot sync passes.",
            "Set the sync strategy (Set-SyncStrategy -Cursor ... -Watermarks ... -WatermarkAdvance after-write -IdempotencyKey ...).",
            false, RulePhases.Sync);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var plan = context.Plan;
            var sync = plan.Sync;
            if (plan.Source.PullMode == PullMode.Snapshot)
            {
                yield return context.Result(Rule, GateOutcome.Pass, "sync", "Snapshot sync re-reads the whole source on every run; a restart loses nothing.", "source.pullMode", PhaseName.Sync);
                yield break;
            }
            var problems = new List<string>();
            string focus = "sync";
            if (plan.Source.PullMode == null) { problems.Add("the pull mode (incremental, snapshot or hybrid) is not stated"); focus = "source"; }
            if (string.IsNullOrWhiteSpace(sync.Cursor)) problems.Add("no cursor is named");
            if (sync.Watermarks.Count == 0) problems.Add("no watermarks are named");
            if (sync.WatermarkAdvance != WatermarkAdvance.AfterWrite)
            {
                problems.Add(sync.WatermarkAdvance == null ? "it does not say when watermarks advance (after-write)" : "watermarks advance before the write, so a crash after the advance loses data");
                if (sync.WatermarkAdvance != null) focus = "sync.watermarkAdvance";
            }
            if (string.IsNullOrWhiteSpace(sync.IdempotencyKey)) problems.Add("no idempotency key makes re-written rows harmless");
            var mode = plan.Source.PullMode is PullMode pull ? PlanEnum.Format(pull) : "the";
            yield return context.Verdict(Rule, problems,
                "The " + mode + " sync resumes from cursor " + sync.Cursor + " with watermarks " + PlanKeys.List(sync.Watermarks) + " advanced after the write, idempotent on " + sync.IdempotencyKey + ".",
                "sync", focus, PhaseName.Sync);
        }
    }

    /// <summary>RP.Sync.OverlapSafe: worst-case run &lt; lease &lt;= schedule.</summary>
    internal sealed class OverlapSafeRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Sync.OverlapSafe", RuleSeverity.Error,
            "A lease exists, outlasts the worst-case run and fits in the schedule.",
            "Two runs must never work on the same units at once. The worst-case run is unitsPerRun x (1 + pageCap) x callInterval; the lease must be longer than that, and (for a scheduled sync) no longer than the schedule interval, so a crashed run's lease has expired before the next run starts.",
            "Set lease, unitsPerRun, pageCap and callInterval (Set-SyncStrategy) so that worst-case run < lease <= schedule; lower unitsPerRun or pageCap if the run does not fit.",
            false, RulePhases.Sync);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var sync = context.Plan.Sync;
            var problems = new List<string>();
            string focus = "sync";
            if (sync.Lease == null || sync.Lease.Value.Value <= TimeSpan.Zero) problems.Add("no lease keeps two runs from working at once");
            var worst = SyncMath.WorstCaseRunSeconds(sync, problems);
            if (problems.Count == 0)
            {
                var lease = sync.Lease!.Value.TotalSeconds;
                var formula = sync.UnitsPerRun + " units x (1 + " + sync.PageCap + " pages) x " + sync.CallInterval + " = " + PlanKeys.Seconds(worst!.Value);
                if (lease <= worst.Value) { problems.Add("the lease " + sync.Lease + " does not outlast the worst-case run (" + formula + ")"); focus = "sync.lease"; }
                if (sync.Schedule != null && lease > sync.Schedule.Value.TotalSeconds)
                { problems.Add("the lease " + sync.Lease + " is longer than the schedule interval " + sync.Schedule + ", so runs pile up"); focus = "sync.lease"; }
                if (sync.Schedule == null && sync.Trigger == SyncTrigger.Cron) { problems.Add("a cron sync has no schedule"); focus = "sync.trigger"; }
                if (problems.Count == 0)
                {
                    yield return context.Result(Rule, GateOutcome.Pass, "sync",
                        "Worst-case run " + formula + " < lease " + sync.Lease + (sync.Schedule != null ? " <= schedule " + sync.Schedule : "") + ".", "sync.lease", PhaseName.Sync);
                    yield break;
                }
            }
            yield return context.Result(Rule, GateOutcome.Fail, "sync", GateContext.Sentence(problems), focus == "sync" && sync.Lease != null ? "sync.lease" : focus, PhaseName.Sync);
        }
    }

    /// <summary>RP.Sync.PageCapSafe: a page cap and a cursor resume.</summary>
    internal sealed class PageCapSafeRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Sync.PageCapSafe", RuleSeverity.Error,
            "A page cap exists and capped work resumes from a persisted cursor.",
            "A run reads at most pageCap pages per unit; the rest must resume from the persisted cursor on the next run (resume: cursor with a cursor named), not restart from the beginning.",
            "Set a page cap and resume from the cursor (Set-SyncStrategy -PageCap 5 -Resume cursor -Cursor ...).",
            false, RulePhases.Sync);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var sync = context.Plan.Sync;
            var problems = new List<string>();
            string focus = "sync";
            if (sync.PageCap == null || sync.PageCap <= 0) problems.Add("no page cap limits the pages a run reads per unit");
            if (sync.Resume != ResumeMode.Cursor)
            {
                problems.Add(sync.Resume == ResumeMode.Restart ? "capped work restarts from the beginning instead of resuming from the cursor" : "it does not say that capped work resumes from the cursor (resume: cursor)");
                if (sync.Resume != null) focus = "sync.resume";
            }
            else if (string.IsNullOrWhiteSpace(sync.Cursor)) problems.Add("resume: cursor, but no cursor is named");
            yield return context.Verdict(Rule, problems,
                "At most " + sync.PageCap + " pages per unit per run; the rest resumes from cursor " + sync.Cursor + ".", "sync",
                problems.Count == 0 ? "sync.pageCap" : focus, PhaseName.Sync);
        }
    }

    /// <summary>RP.Sync.RateBudget: the calls of a run against the source rate limit.</summary>
    internal sealed class RateBudgetRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Sync.RateBudget", RuleSeverity.Error,
            "The calls of one run fit the source's rate limit.",
            "A run makes up to unitsPerRun x (1 + pageCap) calls spaced callInterval apart. They fit the source rate limit (intake sourceLimits.rateLimit) when the run makes no more calls than the limit allows in one window, or when the call spacing keeps the rate at or below the limit.",
            "State the source's rate limit (New-RolloutPlan -RateLimit 50/1m) and raise callInterval or lower unitsPerRun/pageCap until the run fits it.",
            false, RulePhases.Sync);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var plan = context.Plan;
            var sync = plan.Sync;
            var limit = plan.Intake.SourceLimits.RateLimit;
            var problems = new List<string>();
            if (limit == null) problems.Add("the source's rate limit is not stated (intake Q4: sourceLimits.rateLimit)");
            var worst = SyncMath.WorstCaseRunSeconds(sync, problems);
            if (problems.Count > 0)
            {
                yield return context.Result(Rule, GateOutcome.Fail, "sync", GateContext.Sentence(problems), limit == null ? "intake.sourceLimits" : "sync", PhaseName.Sync);
                yield break;
            }
            long calls = (long)sync.UnitsPerRun!.Value * (1 + sync.PageCap!.Value);
            double interval = sync.CallInterval!.Value.TotalSeconds;
            double allowedInterval = limit!.Per.TotalSeconds / limit.Requests;
            // Runs that start more often than the limit's window add up inside it.
            double window = limit.Per.TotalSeconds;
            double every = sync.Schedule.HasValue && sync.Schedule.Value.TotalSeconds > 0 ? sync.Schedule.Value.TotalSeconds : window;
            long runsPerWindow = every >= window ? 1 : (long)Math.Ceiling(window / every - 1e-9);
            long callsPerWindow = calls * runsPerWindow;
            bool fitsOneWindow = callsPerWindow <= limit.Requests;
            // A small tolerance: 1.2s spacing against 50/1m is exactly at the limit and fits.
            bool spacedEnough = interval + 1e-9 >= allowedInterval;
            var facts = calls + " calls per run (" + sync.UnitsPerRun + " units x (1 + " + sync.PageCap + " pages)) spaced " + sync.CallInterval +
                " apart" + (runsPerWindow > 1 ? ", " + runsPerWindow + " runs (every " + sync.Schedule + ") per " + limit.Per + " = " + callsPerWindow + " calls" : "") +
                ", against a limit of " + limit.Requests + " per " + limit.Per;
            if (fitsOneWindow || spacedEnough)
                yield return context.Result(Rule, GateOutcome.Pass, "sync", facts + ": within the limit.", "sync.callInterval", PhaseName.Sync);
            else
                yield return context.Result(Rule, GateOutcome.Fail, "sync",
                    facts + ": the run would make " + PlanKeys.Number(1 / interval) + " calls/s where " + PlanKeys.Number(1 / allowedInterval) +
                    " calls/s are allowed (needs a call interval of at least " + PlanKeys.Seconds(allowedInterval) + ").", "sync.callInterval", PhaseName.Sync);
        }
    }

    internal static class SyncMath
    {
        /// <summary>unitsPerRun x (1 + pageCap) x callInterval in seconds; null (with the reasons added) when a factor is missing.</summary>
        public static double? WorstCaseRunSeconds(SyncStrategy sync, List<string> problems)
        {
            var missing = new List<string>();
            if (sync.UnitsPerRun == null || sync.UnitsPerRun <= 0) missing.Add("unitsPerRun");
            if (sync.PageCap == null || sync.PageCap <= 0) missing.Add("pageCap");
            if (sync.CallInterval == null || sync.CallInterval.Value.Value <= TimeSpan.Zero) missing.Add("callInterval");
            if (missing.Count > 0)
            {
                problems.Add("the worst-case run cannot be computed without " + PlanKeys.List(missing));
                return null;
            }
            return sync.UnitsPerRun!.Value * (1.0 + sync.PageCap!.Value) * sync.CallInterval!.Value.TotalSeconds;
        }
    }
}
