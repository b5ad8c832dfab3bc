using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Database
{
    /// <summary>
    /// What the gate refuses to send at all: transaction and session control (COMMIT, ROLLBACK, BEGIN, SET, RESET,
    /// DISCARD, ...), which would end the read-only transaction or change the session the next query runs in.
    /// Writes (INSERT, DELETE, DDL, ...) are sent: the READ ONLY transaction makes the server refuse them, which is
    /// the proof the result reports. More than one statement is refused by the server too (one statement per
    /// extended-protocol Parse); it is counted here first so the message can say so without a round trip.
    /// </summary>
    public static class InvariantSql
    {
        private static readonly HashSet<string> ControlWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "prepare",
            "set", "reset", "discard", "listen", "unlisten", "notify", "load", "lock", "checkpoint", "vacuum",
        };

        /// <summary>The number of statements in the text (comments and quoted text do not split).</summary>
        public static int StatementCount(string sql) => SqlScript.Statements(sql ?? "").Count;

        /// <summary>The first keyword of the text (after comments and opening parentheses), lower case; "" when there is none.</summary>
        public static string FirstKeyword(string sql)
        {
            foreach (var statement in SqlScript.Statements(sql ?? ""))
                foreach (var token in statement)
                {
                    if (token.IsSymbol('(')) continue;
                    return token.Kind == SqlTokenKind.Word ? token.Text.ToLowerInvariant() : "";
                }
            return "";
        }

        /// <summary>Why the text must not be sent (a sentence), or null when it may be.</summary>
        public static LiveQueryError? Refusal(string sql)
        {
            int count = StatementCount(sql);
            if (count == 0)
                return new LiveQueryError(LiveQueryFailure.Error, null, "the query is empty");
            if (count > 1)
                return new LiveQueryError(LiveQueryFailure.MultipleStatements, null,
                    "it holds " + count + " statements; an invariant is one query, and nothing of it was run");
            var first = FirstKeyword(sql);
            if (ControlWords.Contains(first))
                return new LiveQueryError(LiveQueryFailure.RefusedControl, null,
                    "'" + first.ToUpperInvariant() + "' is transaction or session control: it would leave or change the read-only transaction, so it was not sent");
            return null;
        }
    }
}
