package server

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"fulfil/vroom"
)

// TestVroomEndpoint sends VROOM's documented example 2 (a custom matrix)
// to /v1/vroom and a bad request (a shipment's pickup off the matrix): the first
// is answered in VROOM's shape with every job assigned at the documented
// cost 5461, the second with VROOM's code 2 and HTTP 400, and a job
// queued on /v1/vroom ends with the same answer.
func TestVroomEndpoint(t *testing.T) {
	ts := startServer(t, nil)
	body, err := os.ReadFile("../vroom/testdata/example_2.json")
	if err != nil {
		t.Fatal(err)
	}
	r := ts.do(t, "POST", "/v1/vroom", body)
	if r.status != 200 {
		t.Fatalf("example_2: %d %s", r.status, r.body)
	}
	var out vroom.Output
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatal(err)
	}
	if out.Code != 0 || len(out.Unassigned) != 0 || out.Summary.Cost > 5461 {
		t.Errorf("example_2: got code %d, %d unassigned, cost %d; want 0, 0 and at most 5461", out.Code, len(out.Unassigned), out.Summary.Cost)
	}

	bad := strings.Replace(string(body), `"vehicles"`, `"shipments": [{"pickup": {"id": 1, "location_index": 9}, "delivery": {"id": 1, "location_index": 1}}], "vehicles"`, 1)
	r = ts.do(t, "POST", "/v1/vroom", []byte(bad))
	var e struct {
		Code  int    `json:"code"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("%s: %v", r.body, err)
	}
	if r.status != 400 || e.Code != vroom.CodeInput || !strings.Contains(e.Error, "shipments[0].pickup.location_index") {
		t.Errorf("shipments: got %d %s, want 400 with code 2 naming shipments[0].pickup.location_index", r.status, r.body)
	}

	st := submit(t, ts, "/v1/vroom", body)
	st = pollJob(t, ts, st.ID, final)
	if st.State != JobSucceeded {
		t.Fatalf("job: %s %+v", st.State, st.Error)
	}
}
