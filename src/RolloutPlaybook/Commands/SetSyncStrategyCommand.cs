using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Sets keys of the sync: block; a key not given keeps its value.</summary>
    [Cmdlet(VerbsCommon.Set, "SyncStrategy", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class SetSyncStrategyCommand : PlanEditorCmdlet
    {
        /// <summary>cron, manual or webhook.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(SyncTrigger))]
        public SyncTrigger Trigger { get; set; }

        /// <summary>The interval between runs (5m).</summary>
        [Parameter]
        [ValidateDuration]
        public string Schedule { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Cursor { get; set; }

        [Parameter]
        [Alias("Watermarks")]
        [ValidateNotNullOrEmpty]
        public string[]? Watermark { get; set; }

        /// <summary>after-write or before-write.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(WatermarkAdvance))]
        public WatermarkAdvance WatermarkAdvance { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdempotencyKey { get; set; }

        [Parameter]
        [ValidateDuration]
        public string Lease { get; set; } = "";

        [Parameter]
        [ValidateDuration]
        public string Overlap { get; set; } = "";

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int PageSize { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int PageCap { get; set; }

        /// <summary>cursor or restart.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(ResumeMode))]
        public ResumeMode Resume { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int UnitsPerRun { get; set; }

        [Parameter]
        [ValidateDuration]
        public string CallInterval { get; set; } = "";

        private string Action
        {
            get
            {
                var keys = MyInvocation.BoundParameters.Keys.Where(k => typeof(SyncStrategy).GetProperty(k == nameof(Watermark) ? "Watermarks" : k) != null);
                return "Set sync " + string.Join(", ", keys);
            }
        }

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override PlanEdit CreateEdit() => Change(Action, Edit);

        private void Edit(RolloutPlan plan)
        {
            var sync = plan.Sync;
            if (Given(nameof(Trigger))) sync.Trigger = Trigger;
            if (Given(nameof(Schedule))) sync.Schedule = DurationArgument.Parse(Schedule);
            if (Given(nameof(Cursor))) sync.Cursor = Cursor;
            if (Given(nameof(Watermark))) sync.Watermarks = Watermark!.ToList();
            if (Given(nameof(WatermarkAdvance))) sync.WatermarkAdvance = WatermarkAdvance;
            if (Given(nameof(IdempotencyKey))) sync.IdempotencyKey = IdempotencyKey;
            if (Given(nameof(Lease))) sync.Lease = DurationArgument.Parse(Lease);
            if (Given(nameof(Overlap))) sync.Overlap = DurationArgument.Parse(Overlap);
            if (Given(nameof(PageSize))) sync.PageSize = PageSize;
            if (Given(nameof(PageCap))) sync.PageCap = PageCap;
            if (Given(nameof(Resume))) sync.Resume = Resume;
            if (Given(nameof(UnitsPerRun))) sync.UnitsPerRun = UnitsPerRun;
            if (Given(nameof(CallInterval))) sync.CallInterval = DurationArgument.Parse(CallInterval);
        }
    }
}
