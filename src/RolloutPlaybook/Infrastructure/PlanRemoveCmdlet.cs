using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Base of the <c>Remove-*</c> cmdlets: the conventions of the adders (pipeline plan in and out, or
    /// <c>-Path</c>/<c>-LiteralPath</c> files edited in place with their comments kept, <c>-WhatIf</c>), names
    /// with wildcards, a literal name that matches nothing is an error naming the nearest one, and what was
    /// removed is said on the verbose stream.
    /// </summary>
    public abstract class PlanRemoveCmdlet : PlanEditorCmdlet
    {
        /// <summary>Words for -WhatIf: "Remove linking point 'slack_user'".</summary>
        protected abstract string Action { get; }

        /// <summary>The removal; throws <see cref="Core.Errors.RolloutException"/> (changing nothing) when a name is missing.</summary>
        protected abstract void Edit(Model.RolloutPlan plan);

        protected sealed override PlanEdit CreateEdit() => Change(Action, Edit);

        /// <summary>The names as patterns: wildcards when they have any, literal names otherwise.</summary>
        internal static IEnumerable<ItemPattern> Patterns(IEnumerable<string>? names)
            => (names ?? Enumerable.Empty<string>()).Where(n => !string.IsNullOrEmpty(n)).Select(n =>
                WildcardPattern.ContainsWildcardCharacters(n) ? Wildcard(n) : ItemPattern.Literal(n));

        /// <summary>A parameter's names as a pattern list; null when the parameter was not given.</summary>
        internal static IList<ItemPattern>? PatternList(string[]? names) => names == null ? null : Patterns(names).ToList();

        /// <summary>
        /// A name with wildcard characters also matches itself (a route's <c>[id]</c> segment is brackets, not a set), and
        /// only <c>*</c> or <c>?</c> make it a pattern that may match nothing.
        /// </summary>
        private static ItemPattern Wildcard(string name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.None);
            return new ItemPattern(name, name.IndexOfAny(new[] { '*', '?' }) >= 0, s => s == name || pattern.IsMatch(s));
        }

        protected static string Quoted(IEnumerable<string> names) => RemovalNotes.Quoted(names);

        /// <summary>Says on the verbose stream what went, in the words of the Core removers.</summary>
        protected void Removed(string what, ICollection<string> names) => RemovalNotes.Removed(EditContext, what, names);
    }
}
