package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"fulfil/jobq"
	"fulfil/nightly"
)

// examplePlan is the request of the README's small night,
// ../examples/plan/input.json (400 orders, 12 pickup points, 3 trucks),
// with a short repeatable routing search.
func examplePlan(t *testing.T) []byte {
	t.Helper()
	in, err := os.ReadFile("../examples/plan/input.json")
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Appendf(nil, `{"input": %s, "options": {"time_limit_s": 0, "iterations": 40, "seed": 1, "threads": 1}}`, in)
}

// postPlan submits a plan by POST /v1/plan and returns its job.
func postPlan(t *testing.T, ts *testServer, body []byte) JobStatus {
	t.Helper()
	r := ts.do(t, "POST", "/v1/plan", body)
	if r.status != 202 {
		t.Fatalf("POST /v1/plan: %d %s", r.status, truncate(r.body))
	}
	var st JobStatus
	strictJSON(t, r.body, &st)
	if st.ID == "" || st.Endpoint != "/v1/plan" || r.header.Get("Location") != "/v1/jobs/"+st.ID {
		t.Fatalf("202 without id, endpoint or Location: %s", r.body)
	}
	return st
}

// checkPlanFiles fetches a succeeded plan job's files: plan.json is the
// result, every file of nightly.FileNames is listed with its size and
// served with its content type, the CSV sheets start with their header and
// the workbook is a zip. It returns the files by name.
func checkPlanFiles(t *testing.T, ts *testServer, st JobStatus) map[string][]byte {
	t.Helper()
	r := ts.do(t, "GET", "/v1/jobs/"+st.ID+"/files", nil)
	if r.status != 200 {
		t.Fatalf("GET files: %d %s", r.status, r.body)
	}
	var l JobFileList
	strictJSON(t, r.body, &l)
	var names []string
	for _, f := range l.Files {
		names = append(names, f.Name)
	}
	if want := nightly.FileNames(); l.ID != st.ID || !slices.Equal(slices.Sorted(slices.Values(names)), slices.Sorted(slices.Values(want))) {
		t.Fatalf("files listed: got %v, want %v", names, want)
	}
	files := map[string][]byte{}
	for _, f := range l.Files {
		r := ts.do(t, "GET", "/v1/jobs/"+st.ID+"/files/"+f.Name, nil)
		if r.status != 200 || len(r.body) != f.Bytes || len(r.body) == 0 || r.header.Get("Content-Type") != nightly.ContentType(f.Name) || f.ContentType != nightly.ContentType(f.Name) {
			t.Errorf("GET %s: %d, %d bytes of %s; listed %d bytes of %s; want 200 and %s", f.Name, r.status, len(r.body), r.header.Get("Content-Type"), f.Bytes, f.ContentType, nightly.ContentType(f.Name))
		}
		files[f.Name] = r.body
	}
	if !bytes.Equal(files["plan.json"], st.Result) {
		t.Errorf("plan.json (%d bytes) is not the job's result (%d bytes)", len(files["plan.json"]), len(st.Result))
	}
	headers := map[string]string{
		"delivery.csv": "truck,trip,seq,pickup_point,address,contact,eta,late_min,sku,name,quantity,unit,warehouse",
		"picking.csv":  "warehouse,wave,truck,cart,picker,cart_start,seq,sku,location,quantity,unit,pickup_point,bin",
		"purchase.csv": "supplier,supplier_name,sku,name,warehouse,shipped_tonight,quantity,unit,cases,due,cost_cny,note",
	}
	for name, header := range headers {
		rows, err := csv.NewReader(bytes.NewReader(files[name])).ReadAll()
		if err != nil || len(rows) < 2 && name != "purchase.csv" || len(rows) == 0 || strings.Join(rows[0], ",") != header {
			t.Errorf("%s: %d rows (%v), header %q; want %q and rows", name, len(rows), err, rows[:min(1, len(rows))], header)
		}
	}
	if !bytes.HasPrefix(files["plan.xlsx"], []byte("PK\x03\x04")) {
		t.Errorf("plan.xlsx starts with %q, want the zip magic PK\\x03\\x04", files["plan.xlsx"][:min(4, len(files["plan.xlsx"]))])
	}
	if !bytes.Contains(files["report.html"], []byte("<svg")) {
		t.Errorf("report.html has no SVG")
	}
	return files
}

// planOf decodes a plan.json.
func planOf(t *testing.T, b []byte) nightly.Plan {
	t.Helper()
	var p nightly.Plan
	strictJSON(t, b, &p)
	return p
}

func TestPlanJob(t *testing.T) {
	ts := startServer(t, nil)
	body := examplePlan(t)
	st := pollJob(t, ts, postPlan(t, ts, body).ID, final)
	if st.State != JobSucceeded || st.Error != nil {
		t.Fatalf("plan job: got %s, error %+v; want succeeded", st.State, st.Error)
	}
	checkPlanFiles(t, ts, st)
	// The README's figures for this night (nightly's ExampleRun).
	p := planOf(t, st.Result)
	if h := p.Headline; h.Orders != 400 || h.UnitsAccepted != 700 || h.UnitsDelivered != 700 || h.UnitsShort != 0 {
		t.Errorf("headline: got %d orders, %d units accepted, %d delivered, %d short; want 400, 700, 700, 0", h.Orders, h.UnitsAccepted, h.UnitsDelivered, h.UnitsShort)
	}
	// Through /v1/jobs, with the same seed, threads and iterations: the
	// same plan.
	again := pollJob(t, ts, submit(t, ts, "/v1/plan", body).ID, final)
	if again.State != JobSucceeded || again.Endpoint != "/v1/plan" {
		t.Fatalf("plan through /v1/jobs: got %s, error %+v", again.State, again.Error)
	}
	q := planOf(t, again.Result)
	if q.Headline != p.Headline {
		t.Errorf("the same night planned twice: headline %+v, then %+v", p.Headline, q.Headline)
	}

	long := postPlan(t, ts, bytes.Replace(body, []byte(`"time_limit_s": 0, "iterations": 40`), []byte(`"time_limit_s": 30, "iterations": 0`), 1))
	pollJob(t, ts, long.ID, func(s JobStatus) bool { return s.State == JobRunning })
	for _, tc := range []struct {
		name, path string
		status     int
		code       string
		field      string
	}{
		{"running job's files", "/v1/jobs/" + long.ID + "/files", 409, CodeNotReady, "id"},
		{"running job's file", "/v1/jobs/" + long.ID + "/files/plan.json", 409, CodeNotReady, "id"},
		{"unknown file", "/v1/jobs/" + st.ID + "/files/plan.pdf", 404, CodeNotFound, "name"},
		{"unknown job", "/v1/jobs/feed/files", 404, CodeNotFound, "id"},
		{"unknown job's file", "/v1/jobs/feed/files/plan.json", 404, CodeNotFound, "id"},
		{"files of a job without files", "/v1/jobs/" + long.ID + "/files/", 404, CodeNotFound, ""},
		{"nested name", "/v1/jobs/" + st.ID + "/files/a/b", 404, CodeNotFound, ""},
	} {
		r := ts.do(t, "GET", tc.path, nil)
		if e := errorOf(t, r); r.status != tc.status || e.Code != tc.code || e.Field != tc.field {
			t.Errorf("%s: got %d %s, want %d %s naming %q", tc.name, r.status, r.body, tc.status, tc.code, tc.field)
		}
	}
	ts.do(t, "DELETE", "/v1/jobs/"+long.ID, nil)
	if end := pollJob(t, ts, long.ID, final); end.State != JobCancelled {
		t.Errorf("cancelled plan: got %s", end.State)
	} else if r := ts.do(t, "GET", "/v1/jobs/"+long.ID+"/files", nil); r.status != 409 {
		t.Errorf("files of a cancelled plan: got %d %s, want 409", r.status, r.body)
	}
	vrpJob := pollJob(t, ts, submit(t, ts, "/v1/vrp", readFixture(t, "vrp_small.json")).ID, final)
	var l JobFileList
	if r := ts.do(t, "GET", "/v1/jobs/"+vrpJob.ID+"/files", nil); r.status != 200 {
		t.Errorf("files of a vrp job: got %d %s, want 200 and none", r.status, r.body)
	} else if strictJSON(t, r.body, &l); len(l.Files) != 0 {
		t.Errorf("files of a vrp job: got %+v, want none", l.Files)
	}
	if r := ts.do(t, "POST", "/v1/jobs/"+st.ID+"/files", nil); r.status != 405 {
		t.Errorf("POST files: got %d, want 405", r.status)
	}
}

// Bad plan input is a 400 at submission naming the field under "input."
// (under "request.input." in a job), before any job exists.
func TestPlanBadInput(t *testing.T) {
	ts := startServer(t, nil)
	good := string(readFixture(t, "plan_small.json"))
	for _, tc := range []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"zero quantity", "/v1/plan", strings.Replace(good, `"quantity": 1`, `"quantity": 0`, 1), 400, "input.orders[0].lines[0].quantity"},
		{"wrong type", "/v1/plan", strings.Replace(good, `"quantity": 1`, `"quantity": "one"`, 1), 400, "input.orders[0].lines[0].quantity"},
		{"unknown field", "/v1/plan", strings.Replace(good, `"quantity": 1`, `"quantity": 1, "colour": "red"`, 1), 400, "input.orders[0].lines[0].colour"},
		{"unknown sku", "/v1/plan", string(edit(t, "plan_small.json", func(m map[string]any) {
			path(m, "input", "orders", 1, "lines", 0).(map[string]any)["sku"] = "SKU999"
		})), 400, "input.orders[1].lines[0].sku"},
		{"threads", "/v1/plan", strings.Replace(good, `"threads": 1`, `"threads": 99`, 1), 400, "options.threads"},
		{"time limit", "/v1/plan", strings.Replace(good, `"time_limit_s": 0`, `"time_limit_s": -1`, 1), 400, "options.time_limit_s"},
		{"empty", "/v1/plan", ``, 400, "body"},
		{"in a job", "/v1/jobs", `{"endpoint": "/v1/plan", "request": ` + strings.Replace(good, `"quantity": 1`, `"quantity": 0`, 1) + `}`, 400, "request.input.orders[0].lines[0].quantity"},
		{"GET", "/v1/plan", ``, 405, ""},
	} {
		method := "POST"
		if tc.name == "GET" {
			method = "GET"
		}
		r := ts.do(t, method, tc.path, []byte(tc.body))
		if r.status != tc.status || errorOf(t, r).Field != tc.field {
			t.Errorf("%s: got %d %s, want %d naming %q", tc.name, r.status, r.body, tc.status, tc.field)
		}
	}
	var l JobList
	strictJSON(t, ts.do(t, "GET", "/v1/jobs", nil).body, &l)
	if len(l.Jobs) != 0 {
		t.Errorf("%d jobs after bad submissions, want none", len(l.Jobs))
	}
}

// A plan's files count against JobResultBytes with its result: past it
// the oldest job loses both, and its files answer 410.
func TestPlanFilesBudget(t *testing.T) {
	body := readFixture(t, "plan_small.json")
	one := startServer(t, nil)
	probe := pollJob(t, one, postPlan(t, one, body).ID, final)
	files := checkPlanFiles(t, one, probe)
	held := 0
	for _, b := range files {
		held += len(b)
	}
	ts := startServer(t, func(c *Config) { c.JobResultBytes = held * 3 / 2 }) // one plan fits, two do not
	a := pollJob(t, ts, postPlan(t, ts, body).ID, final)
	b := pollJob(t, ts, postPlan(t, ts, body).ID, final)
	held = 0
	for _, f := range checkPlanFiles(t, ts, b) {
		held += len(f)
	}
	a = pollJob(t, ts, a.ID, final)
	if a.State != JobSucceeded || a.Result != nil || !a.ResultPurged {
		t.Errorf("first plan: got %s with %d result bytes, purged %v; want succeeded, purged", a.State, len(a.Result), a.ResultPurged)
	}
	for _, p := range []string{"/files", "/files/plan.json", "/files/delivery.csv"} {
		r := ts.do(t, "GET", "/v1/jobs/"+a.ID+p, nil)
		if e := errorOf(t, r); r.status != 410 || e.Code != CodePurged || !strings.Contains(e.Message, "byte budget") {
			t.Errorf("GET %s of a purged plan: got %d %s, want 410 %s", p, r.status, r.body, CodePurged)
		}
	}
	ts.s.jobs.mu.Lock()
	got := ts.s.jobs.resultBytes
	ts.s.jobs.mu.Unlock()
	if got != held || got > ts.s.cfg.JobResultBytes { // plan.json is held once, as the result
		t.Errorf("bytes held: got %d, want %d (the second plan's result and files)", got, held)
	}
}

// With the durable queue a plan's files are objects beside its result:
// an API process that ran nothing (a second server on the same NATS)
// serves them from the object store.
func TestDurablePlanFiles(t *testing.T) {
	e, err := jobq.Embed(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	worker, api := startOnNATS(t, e, nil), startOnNATS(t, e, func(c *Config, _ *jobq.Config) { c.JobWorkers = 0 })
	st := pollJob(t, api, postPlan(t, api, examplePlan(t)).ID, final)
	if st.State != JobSucceeded || st.Attempts != 1 {
		t.Fatalf("durable plan: got %s after %d attempts, error %+v", st.State, st.Attempts, st.Error)
	}
	files := checkPlanFiles(t, api, st)
	rec, err := api.s.cfg.Jobs.Get(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ResultFile != "plan.json" || len(rec.Files) != len(nightly.FileNames())-1 {
		t.Errorf("record: result file %q and %d files, want plan.json and %d", rec.ResultFile, len(rec.Files), len(nightly.FileNames())-1)
	}
	for _, f := range rec.Files {
		b, err := worker.s.cfg.Jobs.File(context.Background(), rec, f.Name)
		if err != nil || !bytes.Equal(b, files[f.Name]) {
			t.Errorf("object %s: %d bytes, %v; want the %d served", f.Object, len(b), err, len(files[f.Name]))
		}
	}
	if p := planOf(t, st.Result); p.Headline.Orders != 400 {
		t.Errorf("durable plan: %d orders, want 400", p.Headline.Orders)
	}
}
