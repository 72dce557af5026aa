package vrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// swapVehicles hands the heavy route to the big truck and the light one to
// the van when Split put them the other way round.
func TestSwapVehicles(t *testing.T) {
	in := &Input{
		Depots: []Depot{{ID: "d", Location: [2]float64{0, 0}}},
		Vehicles: []Vehicle{
			{ID: "van", StartDepot: "d", Count: 1, Capacity: Load{Units: 30}, FixedCost: 10},
			{ID: "truck", StartDepot: "d", Count: 1, Capacity: Load{Units: 100}, FixedCost: 50},
		},
		Travel: Travel{Metric: "euclidean"},
	}
	for i := range 4 {
		in.Stops = append(in.Stops, Stop{ID: fmt.Sprint("h", i), Location: [2]float64{10, float64(i)}, Demand: Load{Units: 20}})
		in.Stops = append(in.Stops, Stop{ID: fmt.Sprint("l", i), Location: [2]float64{-10, float64(i)}, Demand: Load{Units: 5}})
	}
	if err := validate(in); err != nil {
		t.Fatal(err)
	}
	m, err := compile(context.Background(), in, 1)
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	ls := newLocalSearch(m, &opt, m.granular(20), rand.New(rand.NewPCG(1, 1)))
	ls.pen, _ = m.initialPenalties()
	var heavy, light []int32
	for s := range in.Stops {
		if s%2 == 0 {
			heavy = append(heavy, int32(m.nd+s))
		} else {
			light = append(light, int32(m.nd+s))
		}
	}
	p := &plan{routes: [][]int32{heavy, light}} // slot 0 is the van
	firstLight := light[0]
	ls.load(p)
	before := ls.fullCost()
	if !ls.swapVehicles() {
		t.Fatal("got no exchange, want the routes to swap vehicles")
	}
	q := &plan{}
	ls.export(q)
	if len(q.routes[0]) != 4 || q.routes[0][0] != firstLight {
		t.Errorf("got van route %v, want the light stops", q.routes[0])
	}
	if after := ls.fullCost(); after >= before {
		t.Errorf("got cost %g after, %g before", after, before)
	}
}
