using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Errors
{
    /// <summary>What kind of failure an error is; the cmdlet layer maps it to a PowerShell ErrorCategory.</summary>
    public enum RolloutErrorKind
    {
        InvalidData,
        InvalidArgument,
        ObjectNotFound,
        ResourceExists,
        InvalidOperation,
        WriteError,
        ReadError,
        LimitsExceeded,
        SecurityError,
        PermissionDenied,
        ConnectionError,
        AuthenticationError,
        OperationTimeout,
    }

    /// <summary>A failure the module reports to users: a stable ErrorId, a kind and the object it is about.</summary>
    public class RolloutException : Exception
    {
        /// <summary>An <paramref name="errorId"/> from <see cref="ErrorIds"/>; its kind comes from the catalogue.</summary>
        public RolloutException(string errorId, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = ErrorIds.KindOf(errorId);
            Target = target;
        }

        /// <summary>A stable identifier (e.g. <c>LinkingPointExists</c>), never a sentence.</summary>
        public string ErrorId { get; }
        public RolloutErrorKind Kind { get; }
        public object? Target { get; }
    }

    /// <summary>One problem in a plan file, with its position.</summary>
    public sealed class PlanProblem
    {
        public PlanProblem(string? file, int line, int column, string keyPath, string message)
        {
            File = file; Line = line; Column = column; KeyPath = keyPath; Message = message;
        }

        public string? File { get; }
        public int Line { get; }
        public int Column { get; }
        /// <summary>The key path, e.g. <c>linkingPoints[1].cardinality</c>; empty for the document itself.</summary>
        public string KeyPath { get; }
        public string Message { get; }

        public override string ToString()
        {
            var where = (File ?? "<plan>") + ":" + Line + ":" + Column + ": ";
            return where + (KeyPath.Length == 0 ? "" : KeyPath + ": ") + Message;
        }
    }

    /// <summary>A plan file with problems; carries every problem found, not only the first.</summary>
    public sealed class PlanInvalidException : RolloutException
    {
        public PlanInvalidException(string? file, IReadOnlyList<PlanProblem> problems)
            : base(ErrorIds.RolloutPlanInvalid, Describe(file, problems), file)
        {
            File = file;
            Problems = problems;
        }

        public string? File { get; }
        public IReadOnlyList<PlanProblem> Problems { get; }

        private static string Describe(string? file, IReadOnlyList<PlanProblem> problems)
        {
            var head = (file ?? "The plan") + " has " + problems.Count + (problems.Count == 1 ? " problem:" : " problems:");
            return head + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
        }
    }
}
