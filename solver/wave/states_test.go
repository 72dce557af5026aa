package wave

import "testing"

// TestMachineClasses pins the number of DP classes per cross-aisle count
// (14 for one block, 72 for two) so that a change to the frontier rules is
// noticed.
func TestMachineClasses(t *testing.T) {
	for nc, want := range map[int]int{2: 14, 3: 72} {
		if got := len(newMachine(nc).keys); got != want {
			t.Errorf("%d cross aisles: %d classes, want %d", nc, got, want)
		}
	}
	for nc := 4; nc <= maxDPCross; nc++ {
		t.Logf("%d cross aisles: %d classes", nc, len(newMachine(nc).keys))
	}
}
