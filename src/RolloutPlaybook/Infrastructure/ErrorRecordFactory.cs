using System;
using System.Collections.Generic;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>The one place that turns core failures into PowerShell ErrorRecords.</summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>One record per problem: an invalid plan file yields one record for each positioned problem.</summary>
        public static IEnumerable<ErrorRecord> Create(Exception exception, object? fallbackTarget = null)
        {
            if (exception is PlanInvalidException invalid)
            {
                foreach (var problem in invalid.Problems)
                {
                    var record = new ErrorRecord(new PlanProblemException(problem, invalid), invalid.ErrorId, ErrorCategory.InvalidData, problem);
                    record.ErrorDetails = new ErrorDetails(problem.ToString())
                    {
                        RecommendedAction = "Fix the plan file at line " + problem.Line + ", column " + problem.Column + " and import it again.",
                    };
                    yield return record;
                }
                yield break;
            }
            if (exception is RolloutException rollout)
            {
                yield return new ErrorRecord(rollout, rollout.ErrorId, Category(rollout.Kind), rollout.Target ?? fallbackTarget);
                yield break;
            }
            yield return new ErrorRecord(exception, "RolloutPlaybookUnexpectedError", ErrorCategory.NotSpecified, fallbackTarget);
        }

        internal static ErrorCategory Category(RolloutErrorKind kind)
        {
            switch (kind)
            {
                case RolloutErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case RolloutErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case RolloutErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case RolloutErrorKind.ResourceExists: return ErrorCategory.ResourceExists;
                case RolloutErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case RolloutErrorKind.WriteError: return ErrorCategory.WriteError;
                case RolloutErrorKind.ReadError: return ErrorCategory.ReadError;
                case RolloutErrorKind.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case RolloutErrorKind.SecurityError: return ErrorCategory.SecurityError;
                case RolloutErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case RolloutErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case RolloutErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }

    /// <summary>One positioned problem of an invalid plan file, as the exception of its ErrorRecord.</summary>
    public sealed class PlanProblemException : Exception
    {
        internal PlanProblemException(PlanProblem problem, Exception inner) : base(problem.ToString(), inner)
        {
            File = problem.File; Line = problem.Line; Column = problem.Column; KeyPath = problem.KeyPath; Problem = problem.Message;
        }
        public string? File { get; }
        public int Line { get; }
        public int Column { get; }
        public string KeyPath { get; }
        public string Problem { get; }
    }
}
