using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace RolloutPlaybook.HelpGenerator
{
    /// <summary>
    /// RolloutPlaybook.HelpGenerator --assembly &lt;cmdlet dll&gt; --docs &lt;docs/help&gt; --out &lt;module folder&gt; [--maml-dir &lt;relative dir&gt;]... [--schema &lt;file&gt;]...
    /// Writes &lt;maml-dir&gt;/en-US/RolloutPlaybook.dll-Help.xml for every cmdlet of the assembly and en-US/about_*.help.txt,
    /// and the plan file's JSON Schema (generated from the model and about_RolloutPlaybook_PlanFile) to every --schema file.
    /// A cmdlet without a help file, or a help file without a cmdlet, is a warning here and a failing help test.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            string? assembly = null, docs = null, output = null;
            var mamlDirs = new List<string>();
            var schemaFiles = new List<string>();
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--assembly": assembly = args[i + 1]; break;
                    case "--docs": docs = args[i + 1]; break;
                    case "--out": output = args[i + 1]; break;
                    case "--maml-dir": mamlDirs.Add(args[i + 1]); break;
                    case "--schema": schemaFiles.Add(args[i + 1]); break;
                    default: return Usage("unknown option " + args[i]);
                }
            }
            if (assembly == null || docs == null || output == null) return Usage("--assembly, --docs and --out are required");
            if (mamlDirs.Count == 0) mamlDirs.Add(".");

            var facts = CommandFacts.Read(assembly);
            var sources = Directory.GetFiles(docs, "*-*.md").Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(HelpSource.Parse)
                .ToDictionary(h => Path.GetFileNameWithoutExtension(h.File), StringComparer.OrdinalIgnoreCase);

            int problems = 0;
            var commands = new List<(CommandFacts, HelpSource)>();
            foreach (var command in facts.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (!sources.TryGetValue(command.Name, out var help))
                {
                    Warn(command.Name + ": no help source docs/help/" + command.Name + ".md");
                    continue;
                }
                foreach (var problem in help.Problems) { Warn(help.File + ": " + problem); problems++; }
                if (!string.Equals(help.Name, command.Name, StringComparison.Ordinal)) Warn(help.File + ": title '" + help.Name + "' is not '" + command.Name + "'");
                var codeNames = new HashSet<string>(command.Parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
                foreach (var p in help.Parameters.Where(p => !codeNames.Contains(p.Name))) Warn(help.File + ": documents -" + p.Name + ", which the cmdlet does not have");
                foreach (var p in command.Parameters.Where(p => help.Parameters.All(d => !string.Equals(d.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
                    Warn(help.File + ": -" + p.Name + " is not documented");
                commands.Add((command, help));
            }
            foreach (var orphan in sources.Keys.Where(k => facts.All(c => !string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))))
                Warn("docs/help/" + orphan + ".md: no such cmdlet in " + Path.GetFileName(assembly));

            var maml = MamlWriter.Write(commands);
            foreach (var dir in mamlDirs)
            {
                var target = Path.Combine(output, dir, "en-US", Path.GetFileName(assembly) + "-Help.xml");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var writer = XmlWriter.Create(target, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" });
                maml.Save(writer);
            }

            foreach (var about in Directory.GetFiles(docs, "about_*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                var target = Path.Combine(output, "en-US", Path.GetFileNameWithoutExtension(about) + ".help.txt");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, AboutTopicWriter.Convert(File.ReadAllText(about)), new UTF8Encoding(false));
            }
            if (schemaFiles.Count > 0) WriteSchema(Path.Combine(docs, "about_RolloutPlaybook_PlanFile.md"), schemaFiles);
            Console.WriteLine("RolloutPlaybook help: " + commands.Count + " of " + facts.Count + " cmdlets documented" + (problems > 0 ? ", " + problems + " problems" : ""));
            return 0;
        }

        /// <summary>Writes the plan file's JSON Schema where asked, only when its bytes change (the repository keeps a copy).</summary>
        private static void WriteSchema(string planFileTopic, List<string> targets)
        {
            var schema = RolloutPlaybook.Core.PlanFiles.PlanJsonSchema.Generate(File.ReadAllText(planFileTopic));
            foreach (var problem in schema.Problems) Warn("plan schema: " + problem);
            var bytes = new UTF8Encoding(false).GetBytes(schema.Json);
            foreach (var target in targets)
            {
                if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                File.WriteAllBytes(target, bytes);
            }
        }

        private static void Warn(string message) => Console.WriteLine("warning RPHELP: " + message);

        private static int Usage(string message)
        {
            Console.Error.WriteLine("RolloutPlaybook.HelpGenerator: " + message);
            Console.Error.WriteLine("usage: --assembly <RolloutPlaybook.dll> --docs <docs/help> --out <module folder> [--maml-dir <dir>]... [--schema <file>]...");
            return 2;
        }
    }
}
