using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
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
        /// climbs out with <c>..</c> is refused (<c>PathOutsideRepository</c>).
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
                    throw new Errors.RolloutException(RepositoryPath.OutsideErrorId,
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
                throw new RolloutException(ErrorIds.InvalidConnectorName,
                    "Connector '" + plan.Connector + "' is not a slug: use lower-case letters, digits and '-', starting with a letter (it ends up in file names).", plan.Connector);
        }

        /// <summary><paramref name="folder"/> (or <paramref name="defaultFolder"/>) + file name, refusing absolute paths and <c>..</c> (<c>PathOutsideRepository</c>).</summary>
        public static string Relative(RolloutPlan plan, string? folder, string defaultFolder, string fileName)
        {
            var given = string.IsNullOrWhiteSpace(folder) ? defaultFolder : folder!.Trim();
            return RepositoryPath.CheckRelative(given, "Plan '" + plan.Connector + "': repository.docs") + "/" + fileName;
        }

        /// <summary>
        /// Joins a checked relative path to the repository root and makes sure the result is inside it, as text and as
        /// a real path (a folder that is a symbolic link out of the repository is refused, as the gate refuses it).
        /// </summary>
        public static string Under(string repositoryRoot, string relativePath)
            => RepositoryPath.Open(repositoryRoot).Resolve(relativePath, "document");
    }

    /// <summary>
    /// What templates and exporters see of a plan: a deep copy, so a template that assigns to it cannot change the live
    /// plan, in which every text that looks like a secret (SecretDetector's one policy) is already replaced by
    /// <c>[redacted: kind]</c> and no secret env var carries a value. Redacting values before the template sees them,
    /// not its output after, means no template can print a secret in pieces.
    /// </summary>
    internal static class PlanSnapshot
    {
        /// <summary>
        /// How values of one type are copied: a <c>List&lt;T&gt;</c> item by item, a model class member by member (its
        /// <see cref="Properties"/>), anything else shared. Found once per type (by reflection) and kept for the process: it
        /// depends on the type only.
        /// </summary>
        private sealed class CopyKind
        {
            public CopyKind(bool isList, PropertyInfo[]? properties) { IsList = isList; Properties = properties; }
            public bool IsList { get; }
            /// <summary>The members a model class is copied by; null for a list or a shared value.</summary>
            public PropertyInfo[]? Properties { get; }
        }

        private static readonly ConcurrentDictionary<Type, CopyKind> Kinds = new ConcurrentDictionary<Type, CopyKind>();

        private static CopyKind KindOf(Type type)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return new CopyKind(true, null);
            // Model classes are copied member by member; values (enums, Duration, DateTime) and immutable
            // bookkeeping without a public constructor (the file state) are shared.
            if (type.IsValueType || type.Assembly != typeof(RolloutPlan).Assembly || type.GetConstructor(Type.EmptyTypes) == null) return new CopyKind(false, null);
            return new CopyKind(false, type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetSetMethod(true) != null && p.GetIndexParameters().Length == 0).ToArray());
        }

        public static RolloutPlan WithoutSecretValues(RolloutPlan plan)
        {
            var copy = (RolloutPlan)Copy(plan)!;
            foreach (var env in copy.Handoff.Env) env.Value = ShownValue(env);
            return copy;
        }

        /// <summary>The value of an env var that may be shown anywhere: none for a secret (handoff.env[].secret).</summary>
        public static string? ShownValue(HandoffEnvVar env) => env.Secret ? null : env.Value;

        private static object? Copy(object? value)
        {
            switch (value)
            {
                case null: return null;
                case string text: return Security.SecretDetector.Redact(text);
            }
            var type = value.GetType();
            var kind = Kinds.GetOrAdd(type, KindOf);
            if (kind.IsList)
            {
                var copy = (IList)Activator.CreateInstance(type)!;
                foreach (var item in (IList)value) copy.Add(Copy(item));
                return copy;
            }
            if (kind.Properties == null) return value;
            var result = Activator.CreateInstance(type)!;
            foreach (var property in kind.Properties)
                property.SetValue(result, Copy(property.GetValue(value)));
            return result;
        }
    }
}
