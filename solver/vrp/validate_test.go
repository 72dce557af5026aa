package vrp_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// tiny is a valid three-stop problem on the plane that tests modify.
func tiny() *vrp.Input {
	return &vrp.Input{
		Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
		Vehicles: []vrp.Vehicle{{ID: "truck", StartDepot: "D", Count: 2, Capacity: vrp.Load{WeightKg: 100, VolumeM3: 2}}},
		Stops: []vrp.Stop{
			{ID: "a", Location: geo.Point{10, 0}, Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.5}},
			{ID: "b", Location: geo.Point{0, 10}, Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.5}},
			{ID: "c", Location: geo.Point{10, 10}, Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.5}},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"heavier than every vehicle", func(in *vrp.Input) { in.Stops[1].Demand.WeightKg = 150 }, "stops[1].demand.weight_kg"},
		{"empty time window", func(in *vrp.Input) { in.Stops[0].TimeWindows = []vrp.TimeWindow{{StartS: 50, EndS: 40}} }, "stops[0].time_windows[0]"},
		{"unsorted windows", func(in *vrp.Input) {
			in.Stops[0].TimeWindows = []vrp.TimeWindow{{StartS: 50, EndS: 60}, {StartS: 10, EndS: 20}}
		}, "stops[0].time_windows[1].start_s"},
		{"nan coordinate", func(in *vrp.Input) { in.Stops[2].Location = geo.Point{math.NaN(), 1} }, "stops[2].location"},
		{"negative demand", func(in *vrp.Input) { in.Stops[0].Demand.VolumeM3 = -1 }, "stops[0].demand.volume_m3"},
		{"duplicate id", func(in *vrp.Input) { in.Stops[1].ID = "a" }, "stops[1].id"},
		{"stop id equals depot id", func(in *vrp.Input) { in.Stops[1].ID = "D" }, "stops[1].id"},
		{"unknown depot", func(in *vrp.Input) { in.Vehicles[0].StartDepot = "X" }, "vehicles[0].start_depot"},
		{"no vehicles", func(in *vrp.Input) { in.Vehicles = nil }, "vehicles"},
		{"negative count", func(in *vrp.Input) { in.Vehicles[0].Count = -1 }, "vehicles[0].count"},
		{"bad metric", func(in *vrp.Input) { in.Travel.Metric = "manhattan" }, "travel.metric"},
		{"haversine without speed", func(in *vrp.Input) { in.Travel = vrp.Travel{} }, "travel.speed_kmh"},
		{"ragged matrix", func(in *vrp.Input) {
			in.Profiles = []vrp.Profile{{ID: "p", DistanceM: [][]float64{{0, 1, 1, 1}, {1, 0, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}}}}
			setIndexes(in)
		}, "profiles[0].distance_m[1]"},
		{"nan in matrix", func(in *vrp.Input) {
			in.Profiles = []vrp.Profile{{ID: "p", DistanceM: [][]float64{{0, 1, 1, 1}, {1, 0, math.NaN(), 1}, {1, 1, 0, 1}, {1, 1, 1, 0}}}}
			setIndexes(in)
		}, "profiles[0].distance_m[1][2]"},
		{"missing matrix index", func(in *vrp.Input) {
			in.Profiles = []vrp.Profile{{ID: "p", DistanceM: [][]float64{{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}}}}
			setIndexes(in)
			in.Stops[2].MatrixIndex = nil
		}, "stops[2].matrix_index"},
		{"skill nobody has", func(in *vrp.Input) { in.Stops[0].Skills = []string{"refrigerated"} }, "stops[0]"},
		{"unreachable window", func(in *vrp.Input) { in.Stops[0].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 5}} }, "stops[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := tiny()
			c.edit(in)
			_, err := vrp.Solve(context.Background(), in, vrp.DefaultOptions())
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok {
				t.Fatalf("got error %v, want *solver.InputError", err)
			}
			if ie.Field() != c.field {
				t.Errorf("got field %q (%v), want %q", ie.Field(), err, c.field)
			}
			// A stop that fits no vehicle makes a valid input impossible.
			impossible := strings.HasPrefix(c.name, "heavier") || c.name == "skill nobody has" || c.name == "unreachable window"
			if errors.Is(err, vrp.ErrInfeasible) != impossible {
				t.Errorf("errors.Is(err, ErrInfeasible) = %v, want %v (%v)", !impossible, impossible, err)
			}
		})
	}
}

func setIndexes(in *vrp.Input) {
	for d := range in.Depots {
		in.Depots[d].MatrixIndex = new(d)
	}
	for s := range in.Stops {
		in.Stops[s].MatrixIndex = new(len(in.Depots) + s)
	}
}

func TestBadOptions(t *testing.T) {
	o := vrp.DefaultOptions()
	o.Threads = -1
	_, err := vrp.Solve(context.Background(), tiny(), o)
	if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "threads" {
		t.Errorf("got %v, want an InputError on threads", err)
	}
}
