using System.Collections.Generic;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// What a <c>writes</c> entry may say (SPEC §8): <c>action</c> is what a conflict does and belongs to inserts and
    /// upserts only. One place for the loader, the authoring cmdlets and the gate.
    /// </summary>
    public static class PlanWriteRules
    {
        /// <summary>
        /// The problems of one entry as (key, message): key is <c>op</c>, <c>action</c> or <c>onConflict</c>. Entries of
        /// old plans (no <c>op</c>, an old action) have none here: their missing-onConflict case stays a gate result.
        /// </summary>
        public static IEnumerable<KeyValuePair<string, string>> Problems(RouteWrite w)
        {
            bool hasTarget = !string.IsNullOrWhiteSpace(w.OnConflict);
            if (!w.Op.HasValue)
            {
                if (w.Action == WriteAction.Append && hasTarget)
                    yield return Problem("onConflict", "an append insert generates its key, so it has no conflict target; remove onConflict");
                yield break;
            }
            var op = w.Op.Value;
            var opText = PlanEnum.Format(op);
            switch (op)
            {
                case WriteOp.Upsert:
                    if (!w.Action.HasValue)
                        yield return Problem("op", "an upsert says what a conflict does: action: update (overwrite the row) or ignore (ignoreDuplicates)");
                    else if (w.Action != WriteAction.Update && w.Action != WriteAction.Ignore)
                        yield return Problem("action", "an upsert's conflict action is update or ignore, got " + PlanEnum.Format(w.Action.Value) +
                            (w.Action == WriteAction.Reject || w.Action == WriteAction.Append ? " (that is an insert: op: insert)" : ""));
                    else if (!hasTarget)
                        yield return Problem("action", "an upsert with action " + PlanEnum.Format(w.Action.Value) + " names its conflict target: onConflict: <columns> (e.g. source,external_id)");
                    break;
                case WriteOp.Insert:
                    if (!w.Action.HasValue)
                        yield return Problem("op", "an insert says what a conflict does: action: reject (23505 becomes an error response), ignore (23505 caught, row skipped) or append (generated key)");
                    else if (w.Action != WriteAction.Reject && w.Action != WriteAction.Ignore && w.Action != WriteAction.Append)
                        yield return Problem("action", "an insert's conflict action is reject, ignore or append, got " + PlanEnum.Format(w.Action.Value) +
                            (w.Action == WriteAction.Update ? " (overwriting on conflict is an upsert: op: upsert)" : ""));
                    if (hasTarget)
                        yield return Problem("onConflict", "an insert has no conflict target (onConflict belongs to upserts); remove it or use op: upsert");
                    break;
                default:
                    if (w.Action.HasValue)
                        yield return Problem("action", "a" + (op == WriteOp.Update ? "n " : " ") + opText + " write takes no action (action says what a conflict does, for insert and upsert only)" +
                            (w.Action == WriteAction.Delete ? "; action: delete is the old spelling of op: delete" : ""));
                    if (hasTarget)
                        yield return Problem("onConflict", "a" + (op == WriteOp.Update ? "n " : " ") + opText + " write has no conflict target; remove onConflict");
                    break;
            }
        }

        private static KeyValuePair<string, string> Problem(string key, string message) => new KeyValuePair<string, string>(key, message);
    }
}
