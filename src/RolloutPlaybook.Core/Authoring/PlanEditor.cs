using System;
using System.Collections.Generic;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Security;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>What an edit says without failing: a warning (naming the gate rule that will object) or a note for the verbose stream.</summary>
    public sealed class PlanEditNotice
    {
        public PlanEditNotice(bool isWarning, string message)
        {
            IsWarning = isWarning;
            Message = message;
        }

        public bool IsWarning { get; }
        public string Message { get; }
    }

    /// <summary>How one edit is made: whether it may replace an item with the same key, and whether it is saved on its own.</summary>
    public sealed class PlanEditContext
    {
        private readonly List<PlanEditNotice> notices = new List<PlanEditNotice>();

        public PlanEditContext(bool replace, bool savedAlone)
        {
            Replace = replace;
            SavedAlone = savedAlone;
        }

        /// <summary>An item with the same key is replaced instead of refused (the cmdlets' <c>-Force</c>).</summary>
        public bool Replace { get; }

        /// <summary>
        /// The plan is saved to its file right after this edit (<c>-Path</c>), so it must be whole then: a reference to an
        /// item a later edit would add cannot wait for it, as it can in a pipeline that ends in <c>Export-RolloutPlan</c>.
        /// </summary>
        public bool SavedAlone { get; }

        public IReadOnlyList<PlanEditNotice> Notices => notices;

        /// <summary>A warning: the edit is made, but the gate will object (the message names the rule).</summary>
        public void Warn(string message) => notices.Add(new PlanEditNotice(true, message));

        /// <summary>A note for the verbose stream (what was removed, a dependency not in the plan yet).</summary>
        public void Note(string message) => notices.Add(new PlanEditNotice(false, message));
    }

    /// <summary>
    /// One change of a plan: the authoring cmdlets bind their parameters into one of these and hand it to
    /// <see cref="PlanEditor"/>. <see cref="Apply"/> checks what it needs first and throws a <see cref="RolloutException"/>
    /// before it changes anything, so a failed edit leaves the plan as it was.
    /// </summary>
    public abstract class PlanEdit
    {
        /// <summary>Words for <c>-WhatIf</c>: "Add linking point 'slack_user'".</summary>
        public abstract string Summary { get; }

        /// <summary>Makes the change, saying through <paramref name="context"/> what the user should know.</summary>
        public abstract void Apply(RolloutPlan plan, PlanEditContext context);

        /// <summary>An edit made by a delegate (a cmdlet whose change is one assignment has no rules to keep).</summary>
        public static PlanEdit Of(string description, Action<RolloutPlan, PlanEditContext> apply) => new DelegateEdit(description, apply);

        private sealed class DelegateEdit : PlanEdit
        {
            private readonly string description;
            private readonly Action<RolloutPlan, PlanEditContext> apply;

            public DelegateEdit(string description, Action<RolloutPlan, PlanEditContext> apply)
            {
                this.description = description;
                this.apply = apply ?? throw new ArgumentNullException(nameof(apply));
            }

            public override string Summary => description;
            public override void Apply(RolloutPlan plan, PlanEditContext context) => apply(plan, context);
        }
    }

    /// <summary>
    /// The one way a plan is edited: check the arguments (no secret values), apply the edit, reconcile the intake
    /// assumptions once — in memory, or in the plan file under its lock with comments and layout kept.
    /// </summary>
    public static class PlanEditor
    {
        /// <summary>
        /// No secret values are stored: an argument that looks like a credential (the one policy of
        /// <see cref="SecretDetector"/>, as the loader applies it) is refused before anything changes, naming the
        /// parameter and never the value. <paramref name="arguments"/> are parameter names and every text they hold.
        /// </summary>
        public static void RefuseSecrets(IEnumerable<KeyValuePair<string, string>> arguments)
        {
            if (arguments == null) return;
            foreach (var pair in arguments)
            {
                var finding = SecretDetector.Detect(pair.Value);
                if (finding.Found)
                    throw new RolloutException(ErrorIds.SecretLikeValue,
                        "-" + pair.Key + " looks like " + finding.Description + " (the value is not shown); a plan never holds secret values: " +
                        "keep it in .env.local or the deploy settings and name the variable with Add-HandoffEnvVar.", pair.Key);
            }
        }

        /// <summary>Edits a plan in memory; returns what the edit had to say.</summary>
        public static IReadOnlyList<PlanEditNotice> Apply(RolloutPlan plan, PlanEdit edit, bool replace,
            IEnumerable<KeyValuePair<string, string>>? arguments = null)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (edit == null) throw new ArgumentNullException(nameof(edit));
            RefuseSecrets(arguments!);
            var context = new PlanEditContext(replace, savedAlone: false);
            edit.Apply(plan, context);
            IntakePolicy.Reconcile(plan);
            return context.Notices;
        }

        /// <summary>
        /// Edits a plan file in place: loaded, changed and written back under the file's lock (concurrent edits wait for
        /// each other), only the changed lines rewritten. Returns the edited plan and what the edit had to say.
        /// </summary>
        public static RolloutPlan ApplyToFile(string file, PlanEdit edit, bool replace, PlanSaveOptions options,
            out IReadOnlyList<PlanEditNotice> notices, IEnumerable<KeyValuePair<string, string>>? arguments = null)
        {
            if (edit == null) throw new ArgumentNullException(nameof(edit));
            RefuseSecrets(arguments!);
            var context = new PlanEditContext(replace, savedAlone: true);
            var plan = PlanFileStore.Edit(file, p => { edit.Apply(p, context); IntakePolicy.Reconcile(p); }, options);
            notices = context.Notices;
            return plan;
        }

        /// <summary>Adds <paramref name="item"/>, or replaces the one with the same key when the edit may; an existing key otherwise is an error.</summary>
        public static void AddOrReplace<T>(List<T> items, T item, Func<T, bool> sameKey, PlanEditContext context, Func<RolloutException> exists)
            => PlanAuthoring.AddOrReplace(items, item, sameKey, context.Replace, exists);
    }
}
