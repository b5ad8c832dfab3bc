using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering.Documents;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>Options of a document render.</summary>
    public sealed class DocumentOptions
    {
        /// <summary>A user template file instead of the built-in one.</summary>
        public string? TemplatePath { get; set; }
        /// <summary>When set, the document states when it was rendered (off by default: same plan, same bytes).</summary>
        public DateTime? Timestamp { get; set; }
    }

    /// <summary>
    /// The rollout plan Markdown (SPEC §6, sections A–J), rendered from <c>templates/rollout-plan.md.scriban</c>
    /// or a user template. The gate's RP.Docs.DocumentCurrent compares the file on disk with <see cref="Render(RolloutPlan, string?)"/>.
    /// </summary>
    public static class RolloutDocument
    {
        public const string TemplateName = "rollout-plan.md.scriban";
        public const string DefaultDocsFolder = "src/docs";

        /// <summary>The document for <paramref name="plan"/>: same plan and template, same text (<c>\n</c> line endings).</summary>
        public static string Render(RolloutPlan plan, string? templatePath = null)
            => Render(plan, new DocumentOptions { TemplatePath = templatePath });

        public static string Render(RolloutPlan plan, DocumentOptions options)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var relative = RelativePath(plan);
            var safe = PlanSnapshot.WithoutSecretValues(plan);
            var globals = new Dictionary<string, object?>
            {
                ["plan"] = safe,
                ["doc"] = new RolloutDocumentView(safe, relative, options.Timestamp),
            };
            return TemplateRenderer.RenderMarkdown(TemplateName, options.TemplatePath, globals);
        }

        /// <summary>
        /// Where the document lives under the repository root, with <c>/</c> separators:
        /// <c>{repository.docs or src/docs}/{CONNECTOR}-ROLLOUT-PLAN.md</c>. A docs override that is absolute or
        /// climbs out with <c>..</c> is refused (<c>DocumentPathOutsideRepository</c>).
        /// </summary>
        public static string RelativePath(RolloutPlan plan)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            return RepositoryPaths.Relative(plan, plan.Repository.Docs, DefaultDocsFolder, FileName(plan));
        }

        /// <summary><c>repository.documentName</c>, else <c>SLACK-ROLLOUT-PLAN.md</c>, <c>GOOGLE-WORKSPACE-ROLLOUT-PLAN.md</c>.</summary>
        public static string FileName(RolloutPlan plan)
        {
            RepositoryPaths.CheckConnector(plan);
            var configured = plan.Repository?.DocumentName;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var name = configured!.Trim();
                // A file name, never a path: it goes inside the docs folder.
                if (name == "." || name == ".." || name.IndexOfAny(new[] { '/', '\\', ':', '\0' }) >= 0)
                    throw new Errors.RolloutException("DocumentPathOutsideRepository", Errors.RolloutErrorKind.InvalidArgument,
                        "repository.documentName: '" + configured + "' must be a file name without folders (e.g. SLACK-ROLLOUT-PLAN.md).", configured);
                return name;
            }
            return plan.Connector.ToUpperInvariant() + "-ROLLOUT-PLAN.md";
        }

        /// <summary>The full path of the document under <paramref name="repositoryRoot"/>, checked to stay inside it.</summary>
        public static string FullPath(RolloutPlan plan, string repositoryRoot) => RepositoryPaths.Under(repositoryRoot, RelativePath(plan));
    }

    /// <summary>Repository-relative paths that cannot escape the repository (SPEC §7).</summary>
    public static class RepositoryPaths
    {
        internal static void CheckConnector(RolloutPlan plan)
        {
            if (!Regex.IsMatch(plan.Connector ?? "", PlanPatterns.Connector))
                throw new RolloutException("InvalidConnectorName", RolloutErrorKind.InvalidArgument,
                    "Connector '" + plan.Connector + "' is not a slug: use lower-case letters, digits and '-', starting with a letter (it ends up in file names).", plan.Connector);
        }

        /// <summary><paramref name="folder"/> (or <paramref name="defaultFolder"/>) + file name, refusing absolute paths and <c>..</c>.</summary>
        public static string Relative(RolloutPlan plan, string? folder, string defaultFolder, string fileName)
        {
            var given = string.IsNullOrWhiteSpace(folder) ? defaultFolder : folder!.Trim();
            var text = given.Replace('\\', '/');
            if (text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("~", StringComparison.Ordinal) || text.IndexOf(':') >= 0 || Path.IsPathRooted(given))
                throw Outside(plan, given, "it is an absolute path");
            var segments = new List<string>();
            foreach (var segment in text.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..") throw Outside(plan, given, "it climbs out with '..'");
                segments.Add(segment);
            }
            segments.Add(fileName);
            return string.Join("/", segments);
        }

        /// <summary>Joins a checked relative path to the repository root and makes sure the result is inside it.</summary>
        public static string Under(string repositoryRoot, string relativePath)
        {
            var root = Path.GetFullPath(repositoryRoot);
            var full = Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
            var prefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!full.StartsWith(prefix, comparison))
                throw new RolloutException("DocumentPathOutsideRepository", RolloutErrorKind.SecurityError,
                    "'" + relativePath + "' resolves outside the repository '" + root + "'.", relativePath);
            return full;
        }

        private static RolloutException Outside(RolloutPlan plan, string given, string why)
            => new RolloutException("DocumentPathOutsideRepository", RolloutErrorKind.SecurityError,
                "Plan '" + plan.Connector + "': repository.docs '" + given + "' must be a folder inside the repository, but " + why + ". Use a relative path such as 'src/docs'.",
                given);
    }

    /// <summary>A copy of a plan for rendering: the same objects, except that no secret env var carries a value.</summary>
    internal static class PlanSnapshot
    {
        private static readonly PropertyInfo[] Settable = typeof(RolloutPlan).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetSetMethod() != null && p.GetIndexParameters().Length == 0).ToArray();

        public static RolloutPlan WithoutSecretValues(RolloutPlan plan)
        {
            var copy = new RolloutPlan();
            foreach (var p in Settable) p.SetValue(copy, p.GetValue(plan));
            var h = plan.Handoff;
            copy.Handoff = new SetupHandoff
            {
                ExternalApp = h.ExternalApp,
                Scopes = h.Scopes,
                Migrations = h.Migrations,
                SmokeTests = h.SmokeTests,
                Env = h.Env.Select(e => new HandoffEnvVar
                {
                    Name = e.Name, Secret = e.Secret, Purpose = e.Purpose, Local = e.Local, Deploy = e.Deploy,
                    Value = e.Secret ? null : e.Value,
                }).ToList(),
            };
            return copy;
        }
    }
}
