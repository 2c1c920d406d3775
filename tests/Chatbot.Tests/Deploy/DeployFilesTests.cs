using System.Text.RegularExpressions;
using Chatbot.Testing.Files;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Tests.Deploy;

/// <summary>
/// deploy/docker and deploy/k8s, checked without a container engine or a cluster (neither runs here): what the image
/// runs as and listens on, how compose and Kubernetes wire the bot to its database, model and index, and that every
/// setting they give the bot is one it reads.
/// </summary>
public sealed partial class DeployFilesTests
{
    private const int ContainerPort = 8080;
    private static readonly string s_dockerDir = RepositoryRoot.Combine("deploy", "docker");
    private static readonly string s_k8sDir = RepositoryRoot.Combine("deploy", "k8s");

    private static DockerfileModel Dockerfile() => DockerfileModel.Parse(File.ReadAllText(Path.Combine(s_dockerDir, "Dockerfile")));

    [Fact]
    public void Dockerfile_BuildsInOneStage_AndRunsTheAppInAnotherAsANonRootUser()
    {
        var dockerfile = Dockerfile();

        Assert.True(dockerfile.Stages.Count >= 2, "a multi-stage build: the SDK builds, the runtime image runs");
        var build = dockerfile.Stages.Single(s => DockerfileModel.StageName(s) == "build");
        Assert.Contains(dockerfile.Global, i => i.Keyword == "ARG" && i.Arguments.Contains("dotnet/sdk:10.0", StringComparison.Ordinal));
        Assert.Contains(dockerfile.Global, i => i.Keyword == "ARG" && i.Arguments.Contains("dotnet/aspnet:10.0", StringComparison.Ordinal));
        // The build as the repository builds: npm for the Web Chat and admin pages, the local AdaptiveCards feed.
        Assert.Contains(build, i => i.Keyword == "RUN" && Regex.IsMatch(i.Arguments, @"apt-get install .*\bnpm\b"));
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Chatbot/Chatbot.csproj", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("-c Release", publish.Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("SkipWebChat", publish.Arguments, StringComparison.Ordinal);

        var final = dockerfile.FinalStage;
        Assert.Contains(final, i => i.Keyword == "COPY" && i.Arguments.Contains("--from=build", StringComparison.Ordinal));
        var user = final.Last(i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        // The .NET images' unprivileged user (APP_UID=1654), the one the Kubernetes manifests run as.
        Assert.Equal("$APP_UID", user);
        Assert.Contains(final, i => i.Keyword == "ENTRYPOINT" && i.Arguments.Contains("Chatbot.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_ListensOn8080_AndChecksHealthThere()
    {
        var final = Dockerfile().FinalStage;
        var environment = DockerfileModel.Environment(final);

        Assert.Equal(ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments == $"{ContainerPort}");
        var health = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains($"http://127.0.0.1:{ContainerPort}/healthz", health, StringComparison.Ordinal);
        Assert.Matches(@"--start-period=\d+s", health);
        // The health check's tool must be in the image: the .NET runtime images have no curl of their own.
        var tool = Regex.Match(health, @"CMD\s+(\S+)").Groups[1].Value;
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains($"install", StringComparison.Ordinal) && i.Arguments.Contains($" {tool}", StringComparison.Ordinal));
        // Configuration from the environment only: no settings file is copied into the image.
        Assert.DoesNotContain(final, i => i.Keyword is "COPY" or "ADD" && i.Arguments.Contains("appsettings", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(ConfigurationKeys.Unknown(environment.Keys));
    }

    [Fact]
    public void Dockerfile_DataFolder_IsTheWorkingDirectorysData_AndAVolume()
    {
        var final = Dockerfile().FinalStage;

        // Knowledge:IndexPath (data/index) and the SQLite file (data/chatbot.db) are relative to the working directory.
        var workdir = final.Last(i => i.Keyword == "WORKDIR").Arguments;
        Assert.Contains(final, i => i.Keyword == "VOLUME" && i.Arguments == $"{workdir}/data");
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains("chown", StringComparison.Ordinal) && i.Arguments.Contains("APP_UID", StringComparison.Ordinal));
        Assert.Equal($"{workdir}/data", ComposeBotDataMount());
    }

    public static TheoryData<string> FilesTheBuildNeeds =>
    [
        "nuget.config",
        "global.json",
        "Directory.Build.props",
        "Directory.Packages.props",
        "eng/packages/AdaptiveCards.3.1.0.nupkg",
        "src/Chatbot/Chatbot.csproj",
        "src/Chatbot/WebChat/package-lock.json",
        "src/Chatbot/AdminPage/package-lock.json",
        "tools/Chatbot.Tools/Chatbot.Tools.csproj",
        "knowledge/transformers-and-attention.md",
    ];

    [Theory]
    [MemberData(nameof(FilesTheBuildNeeds))]
    public void DockerIgnore_KeepsWhatTheBuildNeeds(string path)
    {
        Assert.True(File.Exists(RepositoryRoot.Combine(path.Split('/'))), $"{path} is not in the repository: update this list");

        Assert.Null(IgnoredBy(path));
    }

    [Theory]
    [InlineData("src/Chatbot/bin/Release/net10.0/Chatbot.dll")]
    [InlineData("src/Chatbot/WebChat/node_modules/botframework-webchat/package.json")]
    [InlineData("tests/Chatbot.Tests/Chatbot.Tests.csproj")]
    [InlineData(".git/HEAD")]
    [InlineData("data/chatbot.db")]
    public void DockerIgnore_LeavesOutBuildOutputsAndLocalData(string path) => Assert.NotNull(IgnoredBy(path));

    [Fact]
    public void Compose_RunsTheBotOnPostgresAndOllama_StartedInOrder()
    {
        var services = Compose().At("services");
        var bot = services.At("bot");

        Assert.Equal("../..", bot.At("build.context").Text());
        Assert.Equal("deploy/docker/Dockerfile", bot.At("build.dockerfile").Text());
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(s_dockerDir, "../..", "deploy/docker/Dockerfile"))));
        Assert.Contains(bot.At("ports").Items(), p => p.Text()!.EndsWith($":{ContainerPort}", StringComparison.Ordinal));

        var environment = bot.At("environment").Pairs();
        Assert.Equal("Postgres", environment["Storage__Provider"]);
        Assert.Contains("Host=postgres;", environment["Storage__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("Ollama", environment["Llm__Provider"]);
        Assert.Equal("http://ollama:11434", environment["Llm__Ollama__Endpoint"]);
        // The model the one-shot service pulls is the one the bot asks for.
        Assert.Equal(environment["Llm__Ollama__Model"], services.At("ollama-pull").At("entrypoint").Items()[^1].Text());
        Assert.Equal("http://ollama:11434", services.At("ollama-pull").At("environment").Pairs()["OLLAMA_HOST"]);
        // The database's credentials are the connection string's.
        var postgres = services.At("postgres").At("environment").Pairs();
        Assert.Contains($"Database={postgres["POSTGRES_DB"]};Username={postgres["POSTGRES_USER"]};Password={postgres["POSTGRES_PASSWORD"]}", environment["Storage__ConnectionString"], StringComparison.Ordinal);

        var dependsOn = bot.At("depends_on");
        Assert.Equal("service_healthy", dependsOn.At("postgres.condition").Text());
        Assert.Equal("service_completed_successfully", dependsOn.At("ollama-pull.condition").Text());
        Assert.Equal("service_completed_successfully", dependsOn.At("migrate.condition").Text());
        Assert.Equal("service_healthy", services.At("ollama-pull").At("depends_on.ollama.condition").Text());
        Assert.NotNull(services.At("postgres").Get("healthcheck"));
        Assert.NotNull(services.At("ollama").Get("healthcheck"));
        Assert.Equal("migrate", services.At("migrate").At("command").Items().Single().Text());
    }

    [Fact]
    public void Compose_KeepsDataInNamedVolumes_AndNoSecretInTheFile()
    {
        var compose = Compose();
        var volumes = compose.At("volumes").Pairs().Keys.ToHashSet(StringComparer.Ordinal);

        foreach (var (service, mount) in new[] { ("bot", "/var/lib/chatbot/data"), ("postgres", "/var/lib/postgresql/data"), ("ollama", "/root/.ollama") })
        {
            var named = compose.At($"services.{service}.volumes").Items().Select(v => v.Text()!.Split(':')).SingleOrDefault(v => v[1] == mount);
            Assert.True(named is not null && volumes.Contains(named[0]), $"{service} keeps {mount} in a named volume");
        }

        // Secrets come from .env (or the shell); the file holds none.
        var text = File.ReadAllText(Path.Combine(s_dockerDir, "compose.yaml"));
        Assert.Contains("${POSTGRES_PASSWORD:?", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Password=(?!\$\{)", text);
    }

    [Fact]
    public void Compose_GivesTheBotOnlySettingsItReads()
    {
        var services = Compose().At("services");

        foreach (var service in new[] { "bot", "migrate" })
        {
            var names = services.At(service).At("environment").Pairs().Keys;
            Assert.Empty(ConfigurationKeys.Unknown(names));
        }

        var example = File.ReadAllLines(Path.Combine(s_dockerDir, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var used = VariableReference().Matches(File.ReadAllText(Path.Combine(s_dockerDir, "compose.yaml"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(used.Order(StringComparer.Ordinal), example.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kubernetes_Deployment_RunsSeveralNonRootReplicas_WithProbesAndResources()
    {
        var deployment = K8s("Deployment").Single();
        var pod = deployment.At("spec.template.spec");
        var container = pod.At("containers").Items().Single();

        Assert.True(int.Parse(deployment.At("spec.replicas").Text()!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal("true", pod.At("securityContext.runAsNonRoot").Text());
        Assert.Equal("1654", pod.At("securityContext.runAsUser").Text());
        Assert.Equal("false", container.At("securityContext.allowPrivilegeEscalation").Text());
        var port = container.At("ports").Items().Single();
        Assert.Equal($"{ContainerPort}", port.At("containerPort").Text());
        Assert.Equal($"{ContainerPort}", container.At("env").Items().Single(e => e.At("name").Text() == "ASPNETCORE_HTTP_PORTS").At("value").Text());
        Assert.Equal("/healthz", container.At("readinessProbe.httpGet.path").Text());
        Assert.Equal(port.At("name").Text(), container.At("readinessProbe.httpGet.port").Text());
        Assert.NotNull(container.Get("livenessProbe"));
        foreach (var resource in new[] { "requests.cpu", "requests.memory", "limits.memory" })
        {
            Assert.NotNull(container.At($"resources.{resource}").Text());
        }

        // The Service reaches the pods by their labels and the container's port.
        var service = K8s("Service").Single();
        Assert.Equal(deployment.At("spec.template.metadata.labels").Pairs(), service.At("spec.selector").Pairs());
        Assert.Equal(port.At("name").Text(), service.At("spec.ports").Items().Single().At("targetPort").Text());
    }

    [Fact]
    public void Kubernetes_IndexVolume_IsWrittenByTheIngestJob_AndReadOnlyToTheReplicas()
    {
        var config = K8s("ConfigMap").Single().At("data").Pairs();
        var indexPath = config["Knowledge__IndexPath"];
        var claim = K8s("PersistentVolumeClaim").Single();
        Assert.Contains("ReadWriteMany", claim.At("spec.accessModes").Items().Select(i => i.Text()));
        // The replicas never write to it: no indexing at start.
        Assert.Equal("false", config["Knowledge__RefreshOnStartup"]);

        var deployment = K8s("Deployment").Single().At("spec.template.spec");
        var mount = deployment.At("containers").Items().Single().At("volumeMounts").Items().Single(m => m.At("mountPath").Text() == indexPath);
        Assert.Equal("true", mount.At("readOnly").Text());
        Assert.Equal(claim.At("metadata.name").Text(), VolumeClaim(deployment, mount.At("name").Text()!));

        var ingest = Job("ingest");
        var ingestContainer = ingest.At("containers").Items().Single();
        var ingestMount = ingestContainer.At("volumeMounts").Items().Single(m => m.At("mountPath").Text() == indexPath);
        Assert.Null(ingestMount.Get("readOnly"));
        Assert.Equal(claim.At("metadata.name").Text(), VolumeClaim(ingest, ingestMount.At("name").Text()!));
        // The curated articles shipped in the image, as the built-in collection.
        Assert.Equal(["ingest", "/app/knowledge", "--collection", "builtin"], ingestContainer.At("args").Items().Select(a => a.Text()));
    }

    [Fact]
    public void Kubernetes_MigrateJob_RunsTheMigrateCommand_OnTheSameSettings()
    {
        var deploymentSources = EnvFrom(K8s("Deployment").Single().At("spec.template.spec"));
        var migrate = Job("migrate");

        Assert.Equal(["migrate"], migrate.At("containers").Items().Single().At("args").Items().Select(a => a.Text()));
        Assert.Equal(deploymentSources, EnvFrom(migrate));
        Assert.Equal(deploymentSources, EnvFrom(Job("ingest")));
        Assert.Equal("1654", migrate.At("securityContext.runAsUser").Text());
    }

    [Fact]
    public void Kubernetes_SettingsAndSecrets_AreOnesTheBotReads_AndTheSecretExampleHoldsNone()
    {
        var configMap = K8s("ConfigMap").Single();
        var secret = Yaml.LoadAll(Path.Combine(s_k8sDir, "secret.example.yaml")).Single();
        var env = K8s("Deployment").Single().At("spec.template.spec.containers").Items().Single().At("env").Items().Select(e => e.At("name").Text()!);

        Assert.Empty(ConfigurationKeys.Unknown(configMap.At("data").Pairs().Keys.Concat(secret.At("stringData").Pairs().Keys).Concat(env)));
        Assert.Equal("Postgres", configMap.At("data").Pairs()["Storage__Provider"]);
        Assert.Equal([configMap.At("metadata.name").Text()!, secret.At("metadata.name").Text()!], EnvFrom(K8s("Deployment").Single().At("spec.template.spec")));
        foreach (var (name, value) in secret.At("stringData").Pairs())
        {
            Assert.True(string.IsNullOrEmpty(value) || value.Contains('<', StringComparison.Ordinal), $"{name} in the example holds a value that could be real");
        }

        // Applied with kubectl apply -k: every manifest but the secret example, which is filled in and kept out of git.
        var resources = Yaml.LoadAll(Path.Combine(s_k8sDir, "kustomization.yaml")).Single().At("resources").Items().Select(r => r.Text()!).ToList();
        var files = Directory.GetFiles(s_k8sDir, "*.yaml").Select(Path.GetFileName).Where(f => f is not "kustomization.yaml" and not "secret.example.yaml");
        Assert.Equal(files.Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
    }

    private static YamlMappingNode Compose() => Yaml.LoadAll(Path.Combine(s_dockerDir, "compose.yaml")).Single();

    private static string? ComposeBotDataMount()
        => Compose().At("services.bot.volumes").Items().Select(v => v.Text()!.Split(':')).Single(v => v[0] == "bot-data")[1];

    private static IEnumerable<YamlMappingNode> K8s(string kind)
        => Directory.GetFiles(s_k8sDir, "*.yaml")
            .Where(f => Path.GetFileName(f) is not "kustomization.yaml" and not "secret.example.yaml")
            .SelectMany(Yaml.LoadAll)
            .Where(d => d.Get("kind").Text() == kind);

    private static YamlNode Job(string component)
        => K8s("Job").Single(j => j.At("metadata.labels").Pairs()["app.kubernetes.io/component"] == component).At("spec.template.spec");

    private static string? VolumeClaim(YamlNode pod, string volume)
        => pod.At("volumes").Items().Single(v => v.At("name").Text() == volume).At("persistentVolumeClaim.claimName").Text();

    private static List<string> EnvFrom(YamlNode pod)
        => pod.At("containers").Items().Single().At("envFrom").Items()
            .Select(s => (s.Get("configMapRef") ?? s.At("secretRef")).At("name").Text()!).ToList();

    /// <summary>The .dockerignore pattern that leaves a repository path out of the build context, or null.</summary>
    private static string? IgnoredBy(string path)
    {
        string? ignoredBy = null;
        foreach (var line in File.ReadAllLines(RepositoryRoot.Combine(".dockerignore")))
        {
            var pattern = line.Trim();
            if (pattern.Length == 0 || pattern.StartsWith('#'))
            {
                continue;
            }

            var negated = pattern.StartsWith('!');
            var glob = pattern.TrimStart('!').Trim('/');
            // Docker matches from the context's root (Go's filepath.Match, with ** for any number of folders).
            var regex = "^" + Regex.Escape(glob).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "(/.*)?$";
            if (Regex.IsMatch(path, regex))
            {
                ignoredBy = negated ? null : pattern;
            }
        }

        return ignoredBy;
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex VariableReference();
}
