using System;

namespace RolloutPlaybook.Model
{
    /// <summary>The spelling of an enumeration member in a plan file (the member name is accepted too).</summary>
    [AttributeUsage(AttributeTargets.Field)]
    public sealed class PlanValueAttribute : Attribute
    {
        public PlanValueAttribute(string value) { Value = value; }
        public string Value { get; }
    }

    public enum ConnectorPattern { [PlanValue("tabular")] Tabular, [PlanValue("custom")] Custom }

    public enum PhaseName { [PlanValue("mapping")] Mapping, [PlanValue("sync")] Sync, [PlanValue("analytics")] Analytics, [PlanValue("ops")] Ops }

    public enum PullMode { [PlanValue("incremental")] Incremental, [PlanValue("snapshot")] Snapshot, [PlanValue("hybrid")] Hybrid }

    public enum RouteMethod { GET, POST, PUT, PATCH, DELETE }

    public enum WriteAction { [PlanValue("update")] Update, [PlanValue("ignore")] Ignore, [PlanValue("reject")] Reject, [PlanValue("delete")] Delete, [PlanValue("append")] Append }

    /// <summary>The supabase-js write a <c>writes</c> entry is about.</summary>
    public enum WriteOp { [PlanValue("insert")] Insert, [PlanValue("upsert")] Upsert, [PlanValue("update")] Update, [PlanValue("delete")] Delete, [PlanValue("rpc")] Rpc }

    public enum SyncTrigger { [PlanValue("cron")] Cron, [PlanValue("manual")] Manual, [PlanValue("webhook")] Webhook }

    public enum WatermarkAdvance { [PlanValue("after-write")] AfterWrite, [PlanValue("before-write")] BeforeWrite }

    public enum ResumeMode { [PlanValue("cursor")] Cursor, [PlanValue("restart")] Restart }

    public enum CheckKind
    {
        [PlanValue("manual")] Manual, [PlanValue("remap")] Remap, [PlanValue("lint")] Lint, [PlanValue("typecheck")] Typecheck,
        [PlanValue("build")] Build, [PlanValue("test")] Test, [PlanValue("smoke")] Smoke,
    }

    public enum CheckStatus { [PlanValue("pending")] Pending, [PlanValue("pass")] Pass, [PlanValue("fail")] Fail, [PlanValue("waived")] Waived }
}
