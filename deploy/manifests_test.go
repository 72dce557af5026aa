package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// doc is one YAML document of a manifest file.
type doc struct {
	file string
	m    map[string]any
}

// get walks a path of map keys and list indices ("spec", "template", 0).
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any, path ...any) string { s, _ := get(v, path...).(string); return s }

func list(v any, path ...any) []any { l, _ := get(v, path...).([]any); return l }

// load parses every YAML file under k8s/, every document of each.
func load(t *testing.T) (manifests, values []doc, kust map[string]any) {
	t.Helper()
	files, err := filepath.Glob("k8s/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests under k8s/ (%v)", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for i := 0; ; i++ {
			var m map[string]any
			err := dec.Decode(&m)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s document %d: %v", f, i, err)
			}
			name := filepath.Base(f)
			switch {
			case name == "kustomization.yaml":
				kust = m
			case strings.HasSuffix(name, "-values.yaml"):
				values = append(values, doc{name, m})
			default:
				if str(m, "apiVersion") == "" || str(m, "kind") == "" || str(m, "metadata", "name") == "" {
					t.Errorf("%s document %d: want apiVersion, kind and metadata.name", f, i)
				}
				manifests = append(manifests, doc{name, m})
			}
		}
	}
	if kust == nil {
		t.Fatal("k8s/kustomization.yaml is missing")
	}
	return manifests, values, kust
}

// binaryFlags reads the flag names serve and worker define from the
// command's source, so that a manifest cannot pass a flag that is not
// there.
func binaryFlags(t *testing.T) map[string]bool {
	t.Helper()
	src, err := os.ReadFile("../cmd/fulfil/serve.go")
	if err != nil {
		t.Fatal(err)
	}
	flags := map[string]bool{}
	for _, m := range regexp.MustCompile(`fs\.\w+Var\([^,]+, "([a-z0-9-]+)"`).FindAllSubmatch(src, -1) {
		flags[string(m[1])] = true
	}
	if !flags["nats"] || !flags["job-workers"] {
		t.Fatalf("read %d flags from serve.go, not nats and job-workers: has the flag code moved?", len(flags))
	}
	return flags
}

func TestManifests(t *testing.T) {
	manifests, values, kust := load(t)
	flags := binaryFlags(t)

	var resources []string
	for _, r := range list(kust, "resources") {
		resources = append(resources, r.(string))
	}
	byKind := map[string]map[string]map[string]any{}
	for _, d := range manifests {
		if !slices.Contains(resources, d.file) {
			t.Errorf("%s is not listed in kustomization.yaml", d.file)
		}
		kind := str(d.m, "kind")
		if byKind[kind] == nil {
			byKind[kind] = map[string]map[string]any{}
		}
		byKind[kind][str(d.m, "metadata", "name")] = d.m
	}
	for _, r := range resources {
		if _, err := os.Stat(filepath.Join("k8s", r)); err != nil {
			t.Errorf("kustomization.yaml lists %s: %v", r, err)
		}
	}

	deps := byKind["Deployment"]
	for _, name := range []string{"fulfil-api", "fulfil-worker"} {
		if deps[name] == nil {
			t.Fatalf("no Deployment %s", name)
		}
	}
	for name, d := range deps {
		pod := get(d, "spec", "template")
		for k, v := range get(d, "spec", "selector", "matchLabels").(map[string]any) {
			if str(pod, "metadata", "labels", k) != v {
				t.Errorf("%s: selector %s=%v does not match the pod labels", name, k, v)
			}
		}
		for _, c := range list(pod, "spec", "containers") {
			checkContainer(t, name, c, flags)
		}
	}
	if args := list(deps["fulfil-worker"], "spec", "template", "spec", "containers", 0, "args"); len(args) == 0 || args[0] != "worker" {
		t.Errorf("fulfil-worker: args %v, want the worker command", args)
	}

	svc := byKind["Service"]["fulfil"]
	if svc == nil {
		t.Fatal("no Service fulfil")
	}
	apiPod := get(deps["fulfil-api"], "spec", "template")
	for k, v := range get(svc, "spec", "selector").(map[string]any) {
		if str(apiPod, "metadata", "labels", k) != v {
			t.Errorf("Service fulfil: selector %s=%v does not select the API pods", k, v)
		}
	}
	if tp := str(svc, "spec", "ports", 0, "targetPort"); !hasPort(apiPod, tp) {
		t.Errorf("Service fulfil: targetPort %q is not a port of the API container", tp)
	}

	external := ""
	for name, h := range byKind["HorizontalPodAutoscaler"] {
		if target := str(h, "spec", "scaleTargetRef", "name"); deps[target] == nil || str(h, "spec", "scaleTargetRef", "kind") != "Deployment" {
			t.Errorf("HPA %s: scales %q, not one of the Deployments", name, target)
		}
		for _, m := range list(h, "spec", "metrics") {
			if str(m, "type") == "External" {
				external = str(m, "external", "metric", "name")
			}
		}
	}
	if external == "" {
		t.Fatal("no HPA on an external metric (the job queue depth)")
	}
	checkValues(t, values, external)
}

// checkContainer checks one container: a fulfil command with flags the
// binary has, and readiness and liveness probes on its port.
func checkContainer(t *testing.T, dep string, c any, flags map[string]bool) {
	t.Helper()
	args := list(c, "args")
	if len(args) == 0 || args[0] != "serve" && args[0] != "worker" {
		t.Errorf("%s: args %v, want fulfil serve or worker", dep, args)
	}
	for _, a := range args[1:] {
		name, _, _ := strings.Cut(strings.TrimLeft(a.(string), "-"), "=")
		if !flags[name] {
			t.Errorf("%s: flag %s is not a flag of fulfil serve or worker", dep, a)
		}
	}
	for probe, path := range map[string]string{"readinessProbe": "/readyz", "livenessProbe": "/healthz"} {
		if got := str(c, probe, "httpGet", "path"); got != path {
			t.Errorf("%s: %s path %q, want %s", dep, probe, got, path)
		}
		port := str(c, probe, "httpGet", "port")
		found := false
		for _, p := range list(c, "ports") {
			found = found || str(p, "name") == port
		}
		if !found {
			t.Errorf("%s: %s port %q is not a named container port", dep, probe, port)
		}
	}
}

func hasPort(pod any, name string) bool {
	for _, c := range list(pod, "spec", "containers") {
		for _, p := range list(c, "ports") {
			if str(p, "name") == name {
				return true
			}
		}
	}
	return false
}

// checkValues checks the Helm values of the prerequisites: NATS with
// JetStream and a max_payload that takes the server's largest body, and
// an adapter rule serving the HPA's metric from what the server exports.
func checkValues(t *testing.T, values []doc, external string) {
	t.Helper()
	metricsSrc, err := os.ReadFile("../server/metrics.go")
	if err != nil {
		t.Fatal(err)
	}
	var nats, adapter bool
	for _, v := range values {
		switch v.file {
		case "nats-values.yaml":
			nats = true
			if get(v.m, "config", "jetstream", "enabled") != true {
				t.Error("nats-values.yaml: JetStream is not enabled")
			}
			if p, _ := get(v.m, "config", "merge", "max_payload").(int); p < 32<<20 {
				t.Errorf("nats-values.yaml: max_payload %d, want >= 32 MiB (serve's default --max-body)", p)
			}
		case "prometheus-adapter-values.yaml":
			for _, r := range list(v.m, "rules", "external") {
				if str(r, "name", "as") != external {
					continue
				}
				adapter = true
				series, _, _ := strings.Cut(str(r, "seriesQuery"), "{")
				if !bytes.Contains(metricsSrc, []byte(`"`+series+`"`)) {
					t.Errorf("prometheus-adapter-values.yaml: series %s is not exported by server/metrics.go", series)
				}
			}
		}
	}
	if !nats || !adapter {
		t.Errorf("want nats-values.yaml and a prometheus-adapter rule for %s; got nats %v, rule %v", external, nats, adapter)
	}
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	stages := regexp.MustCompile(`(?m)^FROM `).FindAllString(s, -1)
	for _, want := range []string{"CGO_ENABLED=1", "./cmd/fulfil", "COPY --from=build", `"serve"`} {
		if !strings.Contains(s, want) {
			t.Errorf("Dockerfile: no %s", want)
		}
	}
	if len(stages) < 2 {
		t.Errorf("Dockerfile: %d stages, want a build stage and a runtime stage", len(stages))
	}
}
