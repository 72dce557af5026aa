package server

import (
	"strings"
	"testing"

	"fulfil/apikey"
)

func TestAPIKeys(t *testing.T) {
	keys, err := apikey.Parse(strings.NewReader("ops ops-key-0123456789abcdef 1/m 2\nnight night-key-0123456789abcd 100\n"))
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, func(c *Config) { c.Keys = keys })
	body := []byte(`{"holding_cost": 1, "stockout_cost": 4, "demand_mean": 100, "demand_sd": 20}`)
	const path = "/v1/stock/newsvendor_normal"
	for _, tc := range []struct {
		name, path, auth string
		status           int
	}{
		{"no key", path, "", 401},
		{"unknown key", path, "Bearer nope-0123456789abcdef", 401},
		{"not bearer", path, "Basic ops-key-0123456789abcdef", 401},
		{"no key on jobs", "/v1/jobs/x", "", 401},
		{"health is open", "/healthz", "", 200},
		{"readiness is open", "/readyz", "", 200},
		{"metrics are open", "/metrics", "", 200},
		{"openapi is open", "/openapi.json", "", 200},
		{"a key", path, "Bearer night-key-0123456789abcd", 200},
		{"scheme in any case", path, "bearer night-key-0123456789abcd", 200},
	} {
		method := "POST"
		if !strings.HasPrefix(tc.path, "/v1/stock") {
			method = "GET"
		}
		r := ts.do(t, method, tc.path, body, "Authorization", tc.auth)
		if r.status != tc.status {
			t.Errorf("%s: got %d %s, want %d", tc.name, r.status, r.body, tc.status)
		}
		if r.status == 401 && (errorOf(t, r).Code != CodeUnauthorized || r.header.Get("WWW-Authenticate") == "") {
			t.Errorf("%s: got %s without WWW-Authenticate, want unauthorized with it", tc.name, r.body)
		}
	}
	// ops may send 2 at once at 1/min: the third in a row is refused, and
	// another key is not.
	var got []int
	for range 3 {
		got = append(got, ts.do(t, "POST", path, body, "Authorization", "Bearer ops-key-0123456789abcdef").status)
	}
	r := ts.do(t, "POST", path, body, "Authorization", "Bearer ops-key-0123456789abcdef")
	if got[0] != 200 || got[1] != 200 || got[2] != 429 || r.status != 429 || r.header.Get("Retry-After") != "60" || errorOf(t, r).Code != CodeRateLimited {
		t.Errorf("ops in a row: got %v then %d Retry-After %q %s, want 200 200 429 429 with Retry-After 60", got, r.status, r.header.Get("Retry-After"), r.body)
	}
	if r := ts.do(t, "POST", path, body, "Authorization", "Bearer night-key-0123456789abcd"); r.status != 200 {
		t.Errorf("another key meanwhile: got %d, want 200", r.status)
	}
}
