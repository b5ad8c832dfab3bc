using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>Limits every template render runs under (user templates are untrusted input).</summary>
    public sealed class TemplateLimits
    {
        public int LoopLimit { get; set; } = 1_000_000;
        public int RecursiveLimit { get; set; } = 64;
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>Largest output, in characters.</summary>
        public int OutputLimit { get; set; } = 64 * 1024 * 1024;
        /// <summary>Largest text a template may build in a variable (a string doubled in a loop stops here), in characters.</summary>
        public int ValueLimit { get; set; } = 16 * 1024 * 1024;
        /// <summary>Most expressions and statements one render may evaluate: the work, not only the time.</summary>
        public long StepLimit { get; set; } = 200_000_000;
        /// <summary>Most the managed heap may grow while one render runs, in bytes.</summary>
        public long MemoryLimit { get; set; } = 1024L * 1024 * 1024;
    }

    /// <summary>
    /// Renders Scriban templates: the embedded defaults shipped from <c>templates/</c>, or a user's template file.
    /// Members are named as in the plan file (<c>plan.linkingPoints</c>, <c>lp.externalId</c>); templates see only
    /// the properties of the plan model (no methods, no other .NET types), cannot include files, and run with loop,
    /// recursion, time and size limits. Errors name the template file, line and column.
    /// Output always has <c>\n</c> line endings.
    /// </summary>
    public static class TemplateRenderer
    {
        /// <summary>How deep a template may walk nested objects (the plan's deepest path, handoff → env → var, is far less).</summary>
        private const int ObjectRecursionLimit = 64;

        private static readonly ConcurrentDictionary<string, Template> ParsedEmbedded = new ConcurrentDictionary<string, Template>(StringComparer.Ordinal);

        /// <summary>The text of an embedded default template (file name under <c>templates/</c>, e.g. <c>rollout-plan.md.scriban</c>).</summary>
        public static string EmbeddedText(string name)
        {
            var asm = typeof(TemplateRenderer).Assembly;
            using (var stream = asm.GetManifestResourceStream("RolloutPlaybook.Templates." + name))
            {
                if (stream == null)
                    throw new RolloutException(ErrorIds.TemplateNotFound, "No built-in template '" + name + "'.", name);
                using (var reader = new StreamReader(stream)) return reader.ReadToEnd();
            }
        }

        /// <summary>The names of the embedded default templates.</summary>
        public static IReadOnlyList<string> EmbeddedNames()
            => typeof(TemplateRenderer).Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith("RolloutPlaybook.Templates.", StringComparison.Ordinal))
                .Select(n => n.Substring("RolloutPlaybook.Templates.".Length))
                .OrderBy(n => n, StringComparer.Ordinal).ToArray();

        /// <summary>Renders the embedded template <paramref name="name"/>, or the user's file when <paramref name="userTemplatePath"/> is given.</summary>
        public static string Render(string name, string? userTemplatePath, IDictionary<string, object?> globals, TemplateLimits? limits = null)
            => Render(name, userTemplatePath, globals, limits, tidyMarkdown: false);

        /// <summary>
        /// As <see cref="Render(string, string?, IDictionary{string, object?}, TemplateLimits?)"/>, with the output tidied
        /// by <see cref="MarkdownText.Normalize"/> as it is written (a large document is not built twice).
        /// </summary>
        public static string RenderMarkdown(string name, string? userTemplatePath, IDictionary<string, object?> globals, TemplateLimits? limits = null)
            => Render(name, userTemplatePath, globals, limits, tidyMarkdown: true);

        /// <summary>A user template is a page of text; a bigger file (or a device, or a FIFO) is not read.</summary>
        public const long MaxTemplateBytes = 1024 * 1024;

        private static string Render(string name, string? userTemplatePath, IDictionary<string, object?> globals, TemplateLimits? limits, bool tidyMarkdown)
        {
            Template template;
            if (userTemplatePath != null)
            {
                string text;
                try { text = RepositoryPath.ReadText(userTemplatePath, MaxTemplateBytes); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new RolloutException(ErrorIds.TemplateNotFound, "Cannot read template '" + userTemplatePath + "': " + ex.Message, userTemplatePath, ex);
                }
                template = Parse(text, userTemplatePath);
            }
            else template = ParsedEmbedded.GetOrAdd(name, n => Parse(EmbeddedText(n), "templates/" + n));
            return Render(template, globals, limits ?? new TemplateLimits(), tidyMarkdown);
        }

        /// <summary>Renders template text (for tests and callers holding text).</summary>
        public static string RenderText(string text, string templateName, IDictionary<string, object?> globals, TemplateLimits? limits = null)
            => Render(Parse(text, templateName), globals, limits ?? new TemplateLimits(), tidyMarkdown: false);

        private static Template Parse(string text, string file)
        {
            var template = Template.Parse(text, file);
            if (template.HasErrors)
            {
                var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
                throw new RolloutException(ErrorIds.TemplateInvalid,
                    file + ":" + (first.Span.Start.Line + 1) + ":" + (first.Span.Start.Column + 1) + ": " + first.Message, file);
            }
            return template;
        }

        private static string Render(Template template, IDictionary<string, object?> globals, TemplateLimits limits, bool tidyMarkdown)
        {
            var script = new ScriptObject();
            script.Import(typeof(PlanFunctions), null, member => ToCamelCase(member.Name) == member.Name ? member.Name : Snake(member.Name));
            foreach (var pair in globals) script.SetValue(pair.Key, pair.Value, readOnly: true);
            using (var cancel = new CancellationTokenSource(limits.Timeout))
            {
                var context = new LimitedContext(limits)
                {
                    LoopLimit = limits.LoopLimit,
                    LoopLimitQueryable = limits.LoopLimit,
                    RecursiveLimit = limits.RecursiveLimit,
                    ObjectRecursionLimit = ObjectRecursionLimit,
                    // 0 = no limit. Scriban applies LimitToString to the whole rendered output as well, cutting
                    // it with "..."; the output limit below is enforced while writing instead, so a document is
                    // either complete or an error.
                    LimitToString = 0,
                    MemberRenamer = member => ToCamelCase(member.Name),
                    MemberFilter = IsModelMember,
                    // Only the built-in templates can be included: no file or network access from a template.
                    TemplateLoader = EmbeddedTemplateLoader.Instance,
                    NewLine = "\n",
                    StrictVariables = false,
                    // A member the model does not have (or hides, like GetType or Assembly) is an error, not a silent null.
                    EnableRelaxedMemberAccess = false,
                    EnableRelaxedFunctionAccess = false,
                    CancellationToken = cancel.Token,
                };
                context.PushCulture(CultureInfo.InvariantCulture);
                context.PushGlobal(script);
                var written = new LimitedOutput(limits.OutputLimit, tidyMarkdown ? new MarkdownTidy() : null);
                context.PushOutput(written);
                string output;
                try
                {
                    // Render returns the output's ToString (ours): the text is built once.
                    output = template.Render(context);
                }
                catch (OutputLimitExceeded)
                {
                    throw TooLarge(template, limits);
                }
                catch (ScriptRuntimeException ex) when (ex.InnerException is OutputLimitExceeded)
                {
                    // Scriban wraps what an output throws.
                    throw TooLarge(template, limits);
                }
                catch (WorkLimitExceeded ex)
                {
                    throw new RolloutException(ErrorIds.TemplateLimitExceeded, template.SourceFilePath + ": " + ex.Message + "; rendering was stopped.", template.SourceFilePath);
                }
                catch (ScriptRuntimeException ex) when (ex.InnerException is WorkLimitExceeded work)
                {
                    throw new RolloutException(ErrorIds.TemplateLimitExceeded, Describe(ex) + ": " + work.Message + "; rendering was stopped.", template.SourceFilePath);
                }
                catch (ScriptRuntimeException ex)
                {
                    // Scriban reports its loop and recursion limits as "Exceeding number of ... limit".
                    var id = cancel.IsCancellationRequested ? ErrorIds.TemplateTimeout
                        : (ex.OriginalMessage ?? "").StartsWith("Exceeding", StringComparison.Ordinal) ? ErrorIds.TemplateLimitExceeded
                        : ErrorIds.TemplateFailed;
                    throw new RolloutException(id, Describe(ex), template.SourceFilePath, ex);
                }
                catch (OperationCanceledException ex)
                {
                    throw new RolloutException(ErrorIds.TemplateTimeout,
                        template.SourceFilePath + ": rendering took longer than " + limits.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s and was stopped.", template.SourceFilePath, ex);
                }
                // Tidy text has only \n line ends already.
                return Security.SecretDetector.Redact(tidyMarkdown ? output : output.Replace("\r\n", "\n"));
            }
        }

        private static RolloutException TooLarge(Template template, TemplateLimits limits)
            => new RolloutException(ErrorIds.TemplateOutputTooLarge,
                template.SourceFilePath + ": the output is larger than " + limits.OutputLimit.ToString(CultureInfo.InvariantCulture) + " characters; rendering was stopped.", template.SourceFilePath);

        /// <summary>Collects the output (tidied as Markdown when asked) and stops the render as soon as it passes the limit.</summary>
        private sealed class LimitedOutput : IScriptOutput
        {
            private readonly System.Text.StringBuilder? text;
            private readonly MarkdownTidy? tidy;
            private readonly int limit;
            private long written;

            public LimitedOutput(int limit, MarkdownTidy? tidy)
            {
                this.limit = limit;
                this.tidy = tidy;
                if (tidy == null) text = new System.Text.StringBuilder(4096);
            }

            public void Write(string value, int offset, int count)
            {
                // The limit counts what the template writes, before tidying: runs of blank lines count too.
                written += count;
                if (written > limit) throw new OutputLimitExceeded();
                if (tidy != null) tidy.Append(value, offset, count);
                else text!.Append(value, offset, count);
            }

            public System.Threading.Tasks.ValueTask WriteAsync(string value, int offset, int count, CancellationToken cancellationToken)
            {
                Write(value, offset, count);
                return default;
            }

            public override string ToString() => tidy != null ? tidy.Finish() : text!.ToString();
        }

        private sealed class OutputLimitExceeded : Exception { }

        private sealed class WorkLimitExceeded : Exception
        {
            public WorkLimitExceeded(string message) : base(message) { }
        }

        /// <summary>
        /// Counts every evaluation (the work), refuses any text a template builds beyond <see cref="TemplateLimits.ValueLimit"/>
        /// and checks the managed heap every few thousand steps, so a one-line template cannot take gigabytes before
        /// the time limit stops it.
        /// </summary>
        private sealed class LimitedContext : TemplateContext
        {
            private readonly TemplateLimits limits;
            private readonly long heapAtStart = GC.GetTotalMemory(false);
            private long steps;

            public LimitedContext(TemplateLimits limits) { this.limits = limits; }

            // The templates an include parsed, by path ("templates/<name>"), for every render of the process: Scriban keeps
            // them per context (CachedTemplates), so each render parsed its includes again. Valid for the process: the only
            // loader is EmbeddedTemplateLoader, whose text for a path is the embedded resource (fixed), and every context
            // parses with the same default parser and lexer options; a template that fails to parse throws and is not kept.
            // A parsed template is rendered by many contexts, as the top-level templates in ParsedEmbedded are.
            private static readonly ConcurrentDictionary<string, Template> Included = new ConcurrentDictionary<string, Template>(StringComparer.Ordinal);

            protected override Template CreateTemplate(string templatePath, Scriban.Syntax.ScriptNode? callerContext)
            {
                // This class never sets the loader's parser or lexer options (they are Scriban's defaults in every context).
                if (!ReferenceEquals(TemplateLoader, EmbeddedTemplateLoader.Instance)) return base.CreateTemplate(templatePath, callerContext);
                if (Included.TryGetValue(templatePath, out var known)) return known;
                var template = base.CreateTemplate(templatePath, callerContext);
                return Included.GetOrAdd(templatePath, template);
            }

            public override object? Evaluate(Scriban.Syntax.ScriptNode? scriptNode, bool aliasReturnedFunction)
            {
                if (++steps > limits.StepLimit)
                    throw new WorkLimitExceeded("the template evaluated more than " + limits.StepLimit.ToString(CultureInfo.InvariantCulture) + " expressions");
                if ((steps & 0xFFF) == 0 && GC.GetTotalMemory(false) - heapAtStart > limits.MemoryLimit)
                    throw new WorkLimitExceeded("the template used more than " + (limits.MemoryLimit / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB of memory");
                var result = base.Evaluate(scriptNode, aliasReturnedFunction);
                if (result is string text && text.Length > limits.ValueLimit)
                    throw new WorkLimitExceeded("the template built a text of more than " + limits.ValueLimit.ToString(CultureInfo.InvariantCulture) + " characters");
                return result;
            }
        }

        private static string Describe(ScriptRuntimeException ex)
        {
            var span = ex.Span;
            return span.FileName + ":" + (span.Start.Line + 1) + ":" + (span.Start.Column + 1) + ": " + ex.OriginalMessage;
        }

        /// <summary>Templates may read properties of the plan model's types and nothing else of .NET.</summary>
        private static bool IsModelMember(MemberInfo member)
        {
            if (!(member is PropertyInfo property) || property.GetIndexParameters().Length > 0) return false;
            var type = member.DeclaringType;
            if (type == null) return false;
            if (type.Namespace == "RolloutPlaybook.Model" || (type.Namespace ?? "").StartsWith("RolloutPlaybook.Core.Rendering", StringComparison.Ordinal)) return true;
            return false;
        }

        internal static string ToCamelCase(string name) => PlanProperty.KeyOf(name);

        private static string Snake(string name)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(name[i]));
            }
            return sb.ToString();
        }
    }

    /// <summary>Functions every template can call: plan spellings and Markdown escaping.</summary>
    public static class PlanFunctions
    {
        /// <summary><c>spell x</c>: the plan-file spelling of an enumeration, duration or date (<c>1:1</c>, <c>4m</c>, <c>2026-12-31</c>).</summary>
        public static string Spell(object? value)
        {
            switch (value)
            {
                case string text: return text;
                case null: return "";
                case Enum e: return PlanEnum.Format(e);
                case Duration d: return d.ToString();
                case DateTime dt: return dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case RateLimit r: return r.Requests.ToString(CultureInfo.InvariantCulture) + " requests per " + r.Per;
                case bool b: return b ? "yes" : "no";
                default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        /// <summary><c>md_cell x</c>: text safe inside a Markdown table cell (pipes escaped, one line, no raw HTML).</summary>
        public static string MdCell(object? value)
        {
            var text = Spell(value);
            // Most text needs no escaping; the large tables call this tens of thousands of times.
            if (text.IndexOfAny(CellSpecials) < 0) return text.Trim();
            return text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Trim();
        }

        /// <summary><c>md_inline x</c>: text safe inline in Markdown (one line, no trailing spaces, no raw HTML).</summary>
        public static string MdInline(object? value)
        {
            var text = Spell(value);
            if (text.IndexOfAny(InlineSpecials) < 0) return text.Trim();
            return text.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Trim();
        }

        private static readonly char[] CellSpecials = { '\\', '|', '\r', '\n', '<' };
        private static readonly char[] InlineSpecials = { '\r', '\n', '<' };
        private static readonly char[] CodeSpecials = { '\r', '\n', '|' };

        /// <summary>
        /// <c>md_code x</c>: text as an inline code span (backticks inside the text get a longer fence). Pipes are
        /// escaped because GitHub splits table cells at a pipe even inside a code span.
        /// </summary>
        public static string MdCode(object? value)
        {
            var text = Spell(value);
            if (IsPlainCode(text)) return "`" + text + "`";
            text = text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|").Trim();
            if (text.Length == 0) return "";
            var fence = text.Contains("`") ? "``" : "`";
            var pad = text.StartsWith("`", StringComparison.Ordinal) || text.EndsWith("`", StringComparison.Ordinal) ? " " : "";
            return fence + pad + text + pad + fence;
        }

        /// <summary>Appends <c>md_code text</c> to <paramref name="sb"/> (no intermediate string for plain text).</summary>
        internal static void AppendCode(System.Text.StringBuilder sb, string text)
        {
            if (IsPlainCode(text)) sb.Append('`').Append(text).Append('`');
            else sb.Append(MdCode(text));
        }

        /// <summary>Text whose code span is just the text between single backticks: nothing to escape, trim or fence.</summary>
        private static bool IsPlainCode(string text)
            => text.Length > 0 && text.IndexOfAny(CodeSpecials) < 0 && text.IndexOf('`') < 0
                && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[text.Length - 1]);

        /// <summary><c>env_value x</c>: a value as written on the right of <c>NAME=</c> in a .env file (quoted when it needs to be).</summary>
        public static string EnvValue(object? value)
        {
            var text = Spell(value);
            if (text.Length == 0) return "";
            bool plain = true;
            foreach (var c in text)
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '@' || c == '+')) { plain = false; break; }
            if (plain) return text;
            return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n").Replace("$", "\\$") + "\"";
        }

        /// <summary><c>upper x</c>: the text upper-cased with the invariant culture.</summary>
        public static string Upper(object? value) => Spell(value).ToUpperInvariant();
    }

    /// <summary>Lets templates <c>include</c> the built-in templates, and nothing else.</summary>
    internal sealed class EmbeddedTemplateLoader : ITemplateLoader
    {
        public static readonly EmbeddedTemplateLoader Instance = new EmbeddedTemplateLoader();

        public string? GetPath(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templateName)
        {
            if (!TemplateRenderer.EmbeddedNames().Contains(templateName, StringComparer.Ordinal))
                throw new ScriptRuntimeException(callerSpan, "Only the built-in templates can be included (" + string.Join(", ", TemplateRenderer.EmbeddedNames()) + "); '" + templateName + "' is not one of them.");
            return "templates/" + templateName;
        }

        public string? Load(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath)
            => TemplateRenderer.EmbeddedText(templatePath.Substring("templates/".Length));

        public System.Threading.Tasks.ValueTask<string?> LoadAsync(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath)
            => new System.Threading.Tasks.ValueTask<string?>(Load(context, callerSpan, templatePath));
    }
}
