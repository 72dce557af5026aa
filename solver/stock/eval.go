package stock

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"

	"fulfil/solver"
)

// ErrUnknownFunction is returned, wrapped with the name, by Eval for a
// function name that Functions does not list.
var ErrUnknownFunction = errors.New("stock: unknown function")

// function is one named entry point of Eval. maxThreads caps the workers
// it may start (0: no cap); only batch starts any.
type function struct {
	name string
	in   reflect.Type   // the inputs struct, for Signatures
	out  []reflect.Type // the result structs, one of which is returned
	run  func(ctx context.Context, inputs []byte, maxThreads int) (any, error)
}

// Signature names one function's inputs and result types: structs whose
// json tags are the wire format (a field without omitempty is required).
// Out lists the result types, one of which is returned (two where a list
// input gives a list result). The server derives its OpenAPI schemas from
// them.
type Signature struct {
	Name string
	In   reflect.Type
	Out  []reflect.Type
}

// Signatures lists every function Eval knows with its types, sorted by
// name.
func Signatures() []Signature {
	t := functionTable()
	out := make([]Signature, len(t))
	for i, f := range t {
		out[i] = Signature{Name: f.name, In: f.in, Out: f.out}
	}
	return out
}

// structOf returns the struct type T is or points to.
func structOf[T any]() reflect.Type {
	t := reflect.TypeFor[T]()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// plain wraps f, which needs no context, as a function decoding strictly
// into In.
func plain[In, Out any](name string, f func(*In) (Out, error)) function {
	return withCtx(name, func(_ context.Context, in *In) (Out, error) { return f(in) })
}

// returning sets the result types of f, whose Go result is an interface.
func returning(f function, out ...reflect.Type) function {
	f.out = out
	return f
}

// withCtx wraps f, which honours ctx, as a function decoding into In.
func withCtx[In, Out any](name string, f func(context.Context, *In) (Out, error)) function {
	return function{name: name, in: structOf[In](), out: []reflect.Type{structOf[Out]()}, run: func(ctx context.Context, raw []byte, _ int) (any, error) {
		in := new(In)
		if err := decodeInput(raw, in); err != nil {
			return nil, err
		}
		return f(ctx, in)
	}}
}

// functionTable lists every function Eval knows, sorted by name. Names and
// fields follow the reference cases in shared/reference/inventory: the
// dotted names are those of the stockpyl functions the cases come from.
func functionTable() []function {
	t := []function{
		// newsvendor.go
		plain("newsvendor_normal", newsvendorNormal),
		plain("newsvendor_normal_cost", newsvendorNormalCost),
		plain("newsvendor_poisson", newsvendorPoisson),
		plain("newsvendor_poisson_cost", newsvendorPoissonCost),
		plain("newsvendor_discrete", newsvendorDiscrete),
		plain("newsvendor_discrete_cost", newsvendorDiscreteCost),
		plain("newsvendor_continuous", newsvendorContinuous),
		plain("newsvendor_continuous_cost", newsvendorContinuousCost),
		plain("newsvendor_normal_explicit", newsvendorNormalExplicit),
		plain("newsvendor_poisson_explicit", newsvendorPoissonExplicit),
		plain("myopic", myopic),
		// loss.go
		plain("standard_normal_loss", standardNormalLoss),
		plain("standard_normal_second_loss", standardNormalSecondLoss),
		plain("normal_loss", normalLoss),
		plain("poisson_loss", poissonLoss),
		plain("gamma_loss", gammaLoss),
		plain("distribution", distribution),
		// eoq.go
		plain("economic_order_quantity", economicOrderQuantity),
		plain("economic_order_quantity_with_backorders", economicOrderQuantityWithBackorders),
		plain("economic_production_quantity", economicProductionQuantity),
		plain("economic_order_quantity_with_all_units_discounts", economicOrderQuantityWithAllUnitsDiscounts),
		plain("round_order_quantity", roundOrderQuantity),
		// wagnerwhitin.go
		plain("wagner_whitin", wagnerWhitin),
		// policy_rq.go
		plain("r_q_cost", rQCost),
		plain("r_q_optimal_r_for_q", rQOptimalRForQ),
		plain("r_q_eil_approximation", rQEILApproximation),
		plain("r_q_eoqb_approximation", rQEOQBApproximation),
		plain("r_q_eoqss_approximation", rQEOQSSApproximation),
		plain("r_q_loss_function_approximation", rQLossFunctionApproximation),
		plain("r_q_poisson_exact", rQPoissonExact),
		plain("r_q_cost_poisson", rQCostPoisson),
		// policy_ss.go
		returning(plain("s_s_discrete_exact", sSDiscreteExact), structOf[ssResult](), structOf[ssListResult]()),
		plain("s_s_cost_discrete", sSCostDiscrete),
		plain("s_s_power_approximation", sSPowerApproximation),
		// leadtime.go, safety.go, policy_rs.go
		plain("lead_time_demand", leadTimeDemand),
		plain("safety_stock", safetyStock),
		plain("fill_rate_rq", fillRateRQ),
		plain("cost_service_level", costServiceLevel),
		plain("rs_order_up_to", rsOrderUpTo),
		plain("fill_rate_rs", fillRateRS),
		// gsm.go
		withCtx("gsm_tree.optimize_committed_service_times", gsmTree),
		withCtx("gsm_serial.optimize_committed_service_times", gsmSerial),
		// ssm.go
		withCtx("ssm_serial.optimize_base_stock_levels", ssmSerial),
		// fresh.go
		plain("newsvendor_fresh", newsvendorFresh),
		withCtx("fresh_base_stock", freshBaseStock),
		// alert.go, batch.go
		plain("stock_level_alert", stockLevelAlert),
		plain("deviation_alert", deviationAlert),
		plain("expiry_alert", expiryAlert),
		{name: "batch", in: structOf[batchIn](), out: []reflect.Type{structOf[batchResult]()}, run: batchEval},
		// forecast.go, classify.go
		plain("ses", ses),
		plain("holt", holt),
		plain("holt_winters", holtWinters),
		plain("croston", croston),
		plain("tsb", tsb),
		plain("forecast", forecastAuto),
		plain("classify_demand", classifyDemand),
	}
	sort.Slice(t, func(i, j int) bool { return t[i].name < t[j].name })
	return t
}

// Functions returns the names Eval accepts, sorted.
func Functions() []string {
	t := functionTable()
	names := make([]string, len(t))
	for i, f := range t {
		names[i] = f.name
	}
	return names
}

// Eval runs the named function on inputs, a JSON object whose fields are
// the function's snake_case inputs. It returns a result struct with json
// tags. Bad inputs give a *solver.InputError naming the field; an unknown
// name gives an error wrapping ErrUnknownFunction. Functions that run
// workers (batch) may use every core; EvalThreads caps them.
func Eval(ctx context.Context, name string, inputs []byte) (any, error) {
	return EvalThreads(ctx, name, inputs, 0)
}

// EvalThreads is Eval with at most maxThreads workers per function (0: no
// cap): a request for more is an input error naming its threads field, and
// with a cap one that names none gets one thread, as the server's other
// solvers do, so that concurrent requests share the cores. A panic in the function or its
// workers is returned as a *solver.PanicError.
func EvalThreads(ctx context.Context, name string, inputs []byte, maxThreads int) (_ any, err error) {
	defer solver.Recover(&err)
	t := functionTable()
	i := sort.Search(len(t), func(i int) bool { return t[i].name >= name })
	if i == len(t) || t[i].name != name {
		return nil, fmt.Errorf("%w %q", ErrUnknownFunction, name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t[i].run(ctx, inputs, maxThreads)
}

// lineRequest is one line of the stock eval protocol.
type lineRequest struct {
	Function string          `json:"function"`
	Inputs   json.RawMessage `json:"inputs"`
}

// LineError is the error object of a failed line.
type LineError struct {
	Message    string             `json:"message"`
	Field      string             `json:"field,omitempty"`
	Violations []solver.Violation `json:"violations,omitempty"`
}

// LineResult is one output line of EvalLines: Result or Error is set.
type LineResult struct {
	Line     int        `json:"line"`
	Function string     `json:"function"`
	Result   any        `json:"result,omitempty"`
	Error    *LineError `json:"error,omitempty"`
}

// maxLine bounds one input line of EvalLines.
const maxLine = 64 << 20

// EvalLines implements `fulfil stock eval`: it reads JSON lines
// {"function": "...", "inputs": {...}} from r and writes one JSON object per
// non-blank line to w, {"line": n, "function": ..., "result": {...}} or
// {"line": n, "function": ..., "error": {"message": ..., "field": ...}}. A
// bad line gets an error object and the next line is still answered. It
// returns early only when reading or writing fails or ctx ends.
func EvalLines(ctx context.Context, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(trimSpace(line)) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		out := evalLine(ctx, line)
		out.Line = n
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("writing result of line %d: %w", n, err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("writing result of line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading line %d: %w", n+1, err)
	}
	return bw.Flush()
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func evalLine(ctx context.Context, line []byte) LineResult {
	if !json.Valid(line) {
		return LineResult{Error: &LineError{Message: "line is not valid JSON"}}
	}
	var req lineRequest
	if err := decodeInput(line, &req); err != nil {
		// Still echo the function name when it could be read.
		var loose struct {
			Function string `json:"function"`
		}
		_ = json.Unmarshal(line, &loose)
		return LineResult{Function: loose.Function, Error: lineError(err)}
	}
	res, err := Eval(ctx, req.Function, req.Inputs)
	if err != nil {
		return LineResult{Function: req.Function, Error: lineError(err)}
	}
	return LineResult{Function: req.Function, Result: res}
}

func lineError(err error) *LineError {
	if ie, ok := errors.AsType[*solver.InputError](err); ok {
		return &LineError{Message: ie.Error(), Field: ie.Field(), Violations: ie.Violations}
	}
	if errors.Is(err, ErrUnknownFunction) {
		return &LineError{Message: err.Error(), Field: "function"}
	}
	return &LineError{Message: err.Error()}
}
