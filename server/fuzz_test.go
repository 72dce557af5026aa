package server

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"
)

// FuzzDecodeRequests feeds arbitrary bodies to every solving endpoint's
// decoder (strict sonic decode, limits, matrix adapters, options; not the
// solve) and asserts that nothing panics and that every rejection is a 4xx
// naming a field.
func FuzzDecodeRequests(f *testing.F) {
	fixtures := []struct {
		ep   byte
		file string
	}{{0, "vrp_small.json"}, {1, "wave_small.json"}, {2, "route_small.json"}, {3, "allocation_small.json"}, {4, "transfers_small.json"}, {5, "plan_small.json"}}
	for _, fx := range fixtures {
		b, err := os.ReadFile("testdata/" + fx.file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(fx.ep, b)
		f.Add(fx.ep, b[:len(b)/2])
	}
	f.Add(byte(0), []byte(`{"input": {"depots": [], "stops": [{"id": "a", "matrix_index": 0}]}, "matrix": {"osrm": {"durations": [[0]], "distances": [[null]]}}}`))
	f.Add(byte(0), []byte(`{"input": {}, "matrix": {"valhalla": {"sources_to_targets": [[{"from_index": 0, "to_index": 0, "time": 1, "distance": -1}]]}}}`))
	f.Add(byte(0), []byte(`{"input": {}, "matrix": {"valhalla": {"sources_to_targets": {"durations": [[0]], "distances": [[0]]}}}}`))
	f.Add(byte(0), []byte(`{"options": {"time_limit_s": 1e400}}`))
	f.Add(byte(1), []byte(`{"input": {"layout": {"aisles": 1e3}}}`))
	f.Add(byte(5), []byte(`{"input": {"orders": [{"lines": [{"quantity": -1}]}], "warehouses": [{"location": [1]}]}}`))
	f.Add(byte(6), []byte(`{"endpoint": "/v1/vrp", "request": {"input": [1, 2]}}`))
	f.Add(byte(6), []byte(`{"endpoint": "/v1/stock/x", "request": 3}`))
	f.Add(byte(6), []byte(`{"endpoint": "/v1/plan", "request": {"options": {"threads": -1}}}`))
	cfg := DefaultConfig()
	cfg.MaxStops, cfg.MaxOrders, cfg.MaxVehicles = 50, 50, 20
	s, err := New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	paths := []string{"/v1/vrp", "/v1/waves", "/v1/waves/route", "/v1/allocation", "/v1/transfers", "/v1/plan"}
	f.Fuzz(func(t *testing.T, ep byte, body []byte) {
		if len(body) > 64<<10 {
			return
		}
		var err error
		prefix := ""
		if int(ep)%7 == 6 { // a job: decode the envelope, then the inner request
			var jr JobRequest
			if err = s.codec.decode(body, &jr, ""); err == nil {
				e, _, _ := s.lookup(jr.Endpoint)
				if e == nil || e.path == "/v1/stock/{function}" || len(jr.Request) == 0 {
					return
				}
				body, prefix = jr.Request, "request"
				_, err = e.prepare(s, body, prefix, "", time.Minute)
			}
		} else {
			_, err = s.eps[paths[int(ep)%7]].prepare(s, body, prefix, "", time.Minute)
		}
		if err == nil {
			return
		}
		ae := toAPI(err, 0)
		if ae.status < 400 || ae.status >= 500 {
			t.Fatalf("rejection with status %d: %v", ae.status, err)
		}
		if ae.field == "" {
			t.Fatalf("rejection names no field: %v (%T)", err, errors.Unwrap(err))
		}
	})
}

// FuzzLocateAgreesWithSonic checks the error path's walker against sonic
// on valid JSON: when sonic rejects a document the walker names a field,
// and when sonic accepts it the walker finds nothing, so that the field it
// names is the one sonic tripped on.
func FuzzLocateAgreesWithSonic(f *testing.F) {
	for _, name := range []string{"vrp_small.json", "wave_small.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"input": {"stops": [{"location": [1, 2, 3], "demand": {"units": 1e3}}]}}`))
	c := newCodec()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 || !json.Valid(data) {
			return
		}
		var req VRPRequest
		sonicErr := c.strict.Unmarshal(data, &req)
		field, msg := locate(data, reflect.TypeFor[VRPRequest](), "")
		switch {
		case sonicErr != nil && field == "":
			t.Fatalf("sonic rejects (%v), the walker finds nothing", sonicErr)
		case sonicErr == nil && field != "":
			t.Fatalf("sonic accepts, the walker rejects %s: %s", field, msg)
		}
	})
}
