package vroom_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// FuzzSolveJSON: any body gives an answer or a *vroom.Error, never a
// panic; an answer serves or lists each job and shipment step once.
func FuzzSolveJSON(f *testing.F) {
	for _, name := range []string{"example_1", "example_2", "example_3"} {
		b, err := os.ReadFile("testdata/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"vehicles":[{"id":1,"start_index":0,"end_index":0,"capacity":[3],"steps":[{"type":"pickup","id":1},{"type":"delivery","id":2}]},{"id":2,"start_index":1,"capacity":[3]}],"jobs":[{"id":1,"location_index":1,"pickup":[1]}],"shipments":[{"amount":[2],"pickup":{"id":1,"location_index":1},"delivery":{"id":2,"location_index":0}},{"amount":[1],"pickup":{"id":3,"location_index":0},"delivery":{"id":3,"location_index":1,"time_windows":[[0,9]]}}],"matrices":{"car":{"durations":[[0,4],[4,0]]}}}`))
	f.Add([]byte(`{"vehicles":[{"id":1,"start_index":0,"end_index":1,"time_window":[0,100],"breaks":[{"id":1,"service":5,"time_windows":[[3,20]]},{"id":2}],"steps":[{"type":"break","id":2},{"type":"job","id":1},{"type":"end"}]},{"id":2,"start_index":1,"breaks":[{"id":1,"service":5,"time_windows":[[3,20]]}]}],"jobs":[{"id":1,"location_index":1},{"id":2,"location_index":0,"service":9}],"matrices":{"car":{"durations":[[0,4],[4,0]]}}}`))
	f.Add([]byte(`{"vehicles":[{"id":1,"start_index":0,"steps":[{"type":"job","id":1,"service_before":3}]}],"jobs":[{"id":1,"location_index":1,"time_windows":[[5,9],[1,2]]}],"matrices":{"car":{"durations":[[0,4],[4,0]]}}}`))
	opt := vroom.Options{Search: vrp.Options{Iterations: 50, Threads: 1, Seed: 1}}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 4096 {
			return
		}
		out, err := vroom.SolveJSON(context.Background(), body, opt)
		if err != nil {
			if _, ok := errors.AsType[*vroom.Error](err); !ok {
				t.Fatalf("error %v is not a *vroom.Error", err)
			}
			return
		}
		in, _ := vroom.Decode(body)
		checkAnswer(t, in, out)
	})
}
