package wave_test

import (
	"context"
	"fmt"

	"fulfil/solver/wave"
)

// A picker starts and ends at the front (bottom) of aisle 0 in a
// three-aisle, ten-cell block; the optimal tour visits three picks.
func ExampleRoute() {
	l := &wave.Layout{
		Aisles: 3, Cells: 10, AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1,
		Start: wave.Depot{Aisle: 0, CrossAisle: 1},
		End:   wave.Depot{Aisle: 0, CrossAisle: 1},
	}
	picks := []wave.Position{{Aisle: 2, Cell: 1}, {Aisle: 0, Cell: 8}, {Aisle: 1, Cell: 7}}
	for _, p := range wave.Policies() {
		t, err := wave.Route(context.Background(), l, picks, p)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-10s %4.1f m, picks in order %v\n", p, t.DistanceM, t.Order)
	}
	// Output:
	// optimal    38.0 m, picks in order [2 0 1]
	// sshape     52.0 m, picks in order [1 2 0]
	// largestgap 40.0 m, picks in order [1 0 2]
	// combined   38.0 m, picks in order [1 2 0]
}
