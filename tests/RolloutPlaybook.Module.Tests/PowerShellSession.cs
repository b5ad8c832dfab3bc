using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Where the repository and the built module are.</summary>
    public static class Repo
    {
        public static string Root { get; } = FindRoot();
        public static string ModuleManifest => Path.Combine(Root, "out", "RolloutPlaybook", "RolloutPlaybook.psd1");
        public static string ExamplePlan => Path.Combine(Root, "templates", "examples", "slack.rollout-plan.yaml");
        public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

        private static string FindRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "RolloutPlaybook.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("RolloutPlaybook.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The result of running script text: its output objects and the errors it wrote.</summary>
    public sealed class ScriptResult
    {
        public ScriptResult(Collection<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<string> warnings, RuntimeException? terminating)
        {
            Output = output; Errors = errors; Warnings = warnings; Terminating = terminating;
        }
        public Collection<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<string> Warnings { get; }
        /// <summary>The terminating error, when the script stopped on one.</summary>
        public RuntimeException? Terminating { get; }
        public IEnumerable<ErrorRecord> AllErrors => Terminating == null ? Errors : Errors.Concat(new[] { Terminating.ErrorRecord });
        public T Single<T>() => (T)Assert.Single(Output).BaseObject;
        public void AssertNoErrors()
        {
            var all = AllErrors.ToList();
            Assert.True(all.Count == 0, "Expected no errors, got:\n" + string.Join("\n", all.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }
    }

    /// <summary>
    /// A runspace of the real PowerShell engine (InitialSessionState.CreateDefault2) with the built module
    /// imported from out/RolloutPlaybook, as a user imports it.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace runspace;
        private readonly CapturingHost host = new CapturingHost();

        public PowerShellSession(bool importModule = true)
        {
            Assert.True(File.Exists(Repo.ModuleManifest), "Build the module first: " + Repo.ModuleManifest);
            var iss = InitialSessionState.CreateDefault2();
            runspace = RunspaceFactory.CreateRunspace(host, iss);
            runspace.Open();
            Run("$PSStyle.OutputRendering = 'PlainText'");
            if (importModule)
            {
                var result = Run("Import-Module $args[0] -ErrorAction Stop", Repo.ModuleManifest);
                result.AssertNoErrors();
            }
        }

        public Runspace Runspace => runspace;

        /// <summary>Sets the current location (Set-Location is not in the engine's Core cmdlets).</summary>
        public void SetLocation(string path) => runspace.SessionStateProxy.Path.SetLocation(path);

        public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

        public object? GetVariable(string name) => runspace.SessionStateProxy.GetVariable(name);

        /// <summary>Runs script text; <paramref name="args"/> are available as <c>$args</c>.</summary>
        public ScriptResult Run(string script, params object?[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            Collection<PSObject> output;
            RuntimeException? terminating = null;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                terminating = ex;
                output = new Collection<PSObject>();
            }
            return new ScriptResult(output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(), terminating);
        }

        /// <summary>Runs script text through Out-Default and returns what a 120-column console would show.</summary>
        public string Format(string script, params object?[] args)
        {
            host.TakeOutput();
            var result = Run("& { " + script + " } @args | Out-Default", args);
            result.AssertNoErrors();
            return host.TakeOutput().Replace("\r\n", "\n");
        }

        public void Dispose() => runspace.Dispose();
    }

    /// <summary>A temporary folder deleted after the test.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rp-tests-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Path);
        }
        public string Path { get; }
        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>
        /// A path laid out as the example plan's: templates/examples/NAME with a schema copy at schemas/, so a plan written
        /// there gets the example's first line (<c>$schema=../../schemas/rollout-plan.schema.json</c>).
        /// </summary>
        public string ExampleLayoutFile(string name)
        {
            var schema = System.IO.Path.Combine(Path, "schemas", "rollout-plan.schema.json");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(schema)!);
            if (!System.IO.File.Exists(schema)) System.IO.File.WriteAllText(schema, "{}\n");
            var folder = System.IO.Path.Combine(Path, "templates", "examples");
            Directory.CreateDirectory(folder);
            return System.IO.Path.Combine(folder, name);
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A test class with its own engine session and temporary folder, and the one check of a failing call.</summary>
    public abstract class EngineTest : IDisposable
    {
        protected readonly PowerShellSession ps = new PowerShellSession();
        protected readonly TempFolder temp = new TempFolder();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposing) return;
            ps.Dispose();
            temp.Dispose();
        }

        /// <summary>Exactly one error, with this ErrorId and category, and no .NET stack trace in its text.</summary>
        protected static void AssertError(ScriptResult result, string errorId, ErrorCategory category)
        {
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.DoesNotContain("   at ", error.ToString());
        }
    }
}
