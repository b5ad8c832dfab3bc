using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>
    /// A non-interactive host that records what Out-Default writes, so tests can check format views
    /// (Out-String is not among the engine's own cmdlets). Width 120, like a typical console.
    /// </summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingUI ui = new CapturingUI();
        private readonly Guid id = Guid.NewGuid();

        public string TakeOutput() => ui.Take();
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => id;
        public override string Name => "RolloutPlaybook.Tests";
        public override PSHostUserInterface UI => ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class CapturingUI : PSHostUserInterface
        {
            private readonly StringBuilder output = new StringBuilder();
            private readonly RawUI raw = new RawUI();
            public string Take() { lock (output) { var s = output.ToString(); output.Clear(); return s; } }
            public override PSHostRawUserInterface RawUI => raw;
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
                => throw new PSInvalidOperationException("tests are non-interactive");
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
                => throw new PSInvalidOperationException("tests are non-interactive");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override string ReadLine() => "";
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
            public override void Write(string value) { lock (output) output.Append(value); }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
            public override void WriteLine(string value) => Write(value + "\n");
            public override void WriteErrorLine(string value) { }
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
        }

        private sealed class RawUI : PSHostRawUserInterface
        {
            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
            public override Size BufferSize { get; set; } = new Size(120, 9999);
            public override Coordinates CursorPosition { get; set; }
            public override int CursorSize { get; set; }
            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
            public override bool KeyAvailable => false;
            public override Size MaxPhysicalWindowSize => new Size(120, 9999);
            public override Size MaxWindowSize => new Size(120, 9999);
            public override Coordinates WindowPosition { get; set; }
            public override Size WindowSize { get; set; } = new Size(120, 50);
            public override string WindowTitle { get; set; } = "";
            public override void FlushInputBuffer() { }
            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();
            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
        }
    }
}
