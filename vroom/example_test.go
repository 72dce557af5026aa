package vroom_test

import (
	"context"
	"fmt"

	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// VROOM's documented example 2: one vehicle, two jobs, a durations matrix.
func ExampleSolveJSON() {
	body := []byte(`{
	  "vehicles": [{"id": 0, "start_index": 0, "end_index": 3}],
	  "jobs": [{"id": 1414, "location_index": 1}, {"id": 1515, "location_index": 2}],
	  "matrices": {"car": {"durations": [
	    [0, 2104, 197, 1299], [2103, 0, 2255, 3152], [197, 2256, 0, 1102], [1299, 3153, 1102, 0]]}}
	}`)
	opt := vroom.Options{Search: vrp.Options{Iterations: 200, Threads: 1, Seed: 1}}
	out, err := vroom.SolveJSON(context.Background(), body, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("code", out.Code, "cost", out.Summary.Cost)
	for _, st := range out.Routes[0].Steps {
		if st.ID != nil {
			fmt.Println(st.Type, *st.ID, "arrival", st.Arrival)
		} else {
			fmt.Println(st.Type, "arrival", st.Arrival)
		}
	}

	_, err = vroom.SolveJSON(context.Background(), []byte(`{"vehicles": [{"id": 1, "start": [2.35, 48.7], "breaks": [{"id": 1, "max_load": [2]}]}], "jobs": []}`), opt)
	fmt.Println(err)
	// Output:
	// code 0 cost 5461
	// start arrival 0
	// job 1414 arrival 2104
	// job 1515 arrival 4359
	// end arrival 5461
	// vehicles[0].breaks[0].max_load: not supported yet: the solver's breaks have no load limit
}
