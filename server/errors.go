package server

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	"fulfil/solver"
	"fulfil/solver/alloc"
	"fulfil/solver/stock"
	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
	// Result carries the best plan found when a routing problem is valid
	// but no plan serves every mandatory stop (422).
	Result *vrp.Output `json:"result,omitempty"`
}

// ErrorDetail says what went wrong. Field is the wire path of the offending
// field ("input.stops[17].time_windows[0]") when one is to blame; Violations
// lists every violation found when there are several.
type ErrorDetail struct {
	Code       string             `json:"code"`
	Message    string             `json:"message"`
	Field      string             `json:"field,omitempty"`
	Violations []solver.Violation `json:"violations,omitempty"`
	RequestID  string             `json:"request_id,omitempty"`
}

// Error codes, one per kind of failure a caller may branch on.
const (
	CodeInvalidInput     = "invalid_input"      // 400
	CodeNotFound         = "not_found"          // 404
	CodeMethodNotAllowed = "method_not_allowed" // 405
	CodeNotReady         = "not_ready"          // 409: the job has not succeeded
	CodePurged           = "result_purged"      // 410: the job's result and files were dropped
	CodeTooLarge         = "too_large"          // 413
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeInfeasible       = "infeasible"        // 422
	CodeOverloaded       = "overloaded"        // 429
	CodeDraining         = "draining"          // 503
	CodeCanceled         = "canceled"          // 503
	CodeDeadline         = "deadline_exceeded" // 504
	CodeInternal         = "internal"          // 500
)

// apiError is an error with its HTTP status; errors.go is the only place
// that turns other errors into one.
type apiError struct {
	status     int
	code       string
	msg        string
	field      string
	violations []solver.Violation
	retryAfter int // seconds; 0: no Retry-After header
	// body, when set, gives the body written instead of ErrorBody, for an
	// endpoint that speaks another API's error shape (/v1/vroom answers
	// as VROOM does).
	body func(requestID string) any
}

func (e *apiError) Error() string {
	if e.field != "" {
		return e.field + ": " + e.msg
	}
	return e.msg
}

func (e *apiError) detail(requestID string) ErrorDetail {
	return ErrorDetail{Code: e.code, Message: e.msg, Field: e.field, Violations: e.violations, RequestID: requestID}
}

var (
	// errOverloaded: the queue is full.
	errOverloaded = errors.New("server: overloaded")
	// errDraining: the server is shutting down and admits no new work.
	errDraining = errors.New("server: shutting down")
	// errQueueTimeout: the request's deadline passed before a worker took it.
	errQueueTimeout = errors.New("server: deadline passed while queued")
	// errOverran: a solver did not return by its deadline.
	errOverran = errors.New("server: solver overran its deadline")
)

// infeasibleError reports a valid routing problem for which no plan serves
// every mandatory stop; out is the best plan found.
type infeasibleError struct {
	out   *vrp.Output
	field string
	msg   string
}

func (e *infeasibleError) Error() string { return e.msg }

func tooLarge(field, format string, args ...any) *apiError {
	return &apiError{status: fasthttp.StatusRequestEntityTooLarge, code: CodeTooLarge, field: field, msg: fmt.Sprintf(format, args...)}
}

func badRequest(field, format string, args ...any) *apiError {
	return &apiError{status: fasthttp.StatusBadRequest, code: CodeInvalidInput, field: field, msg: fmt.Sprintf(format, args...)}
}

func notFound(field, format string, args ...any) *apiError {
	return &apiError{status: fasthttp.StatusNotFound, code: CodeNotFound, field: field, msg: fmt.Sprintf(format, args...)}
}

// prefixed returns err with every field path of an *solver.InputError put
// under prefix ("input"), leaving other errors alone. Paths that already
// start with one of keep ("options.") are left as they are. A solver's
// infeasibility sentinel wrapped with the InputError stays wrapped.
func prefixed(err error, prefix string, keep ...string) error {
	ie, ok := errors.AsType[*solver.InputError](err)
	if !ok || prefix == "" {
		return err
	}
	out := &solver.InputError{Violations: make([]solver.Violation, len(ie.Violations)), Dropped: ie.Dropped}
	for i, v := range ie.Violations {
		out.Violations[i] = solver.Violation{Field: joinField(prefix, v.Field), Message: v.Message}
		for _, k := range keep {
			if strings.HasPrefix(v.Field, k) {
				out.Violations[i].Field = v.Field
			}
		}
	}
	if errors.Is(err, vrp.ErrInfeasible) {
		return fmt.Errorf("%w: %w", vrp.ErrInfeasible, out)
	}
	return out
}

func joinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	}
	return prefix + "." + field
}

// toAPI maps any error to its HTTP status and body. Errors it does not know
// are 500s whose message reveals nothing of the server's internals.
func toAPI(err error, retryAfter int) *apiError {
	if ae, ok := errors.AsType[*apiError](err); ok {
		return ae
	}
	if ve, ok := errors.AsType[*vroom.Error](err); ok {
		if ve.HTTPStatus() >= 500 {
			return &apiError{status: ve.HTTPStatus(), code: CodeInternal, msg: "internal error", body: func(id string) any {
				return &vroom.Output{Code: ve.Code, Error: "internal error; quote the request id " + id + " when reporting it"}
			}}
		}
		return &apiError{status: ve.HTTPStatus(), code: CodeInvalidInput, msg: ve.Message, body: func(string) any { return ve.Body() }}
	}
	if ie, ok := errors.AsType[*infeasibleError](err); ok {
		return &apiError{status: fasthttp.StatusUnprocessableEntity, code: CodeInfeasible, field: ie.field, msg: ie.msg}
	}
	if ie, ok := errors.AsType[*solver.InputError](err); ok {
		ae := &apiError{status: fasthttp.StatusBadRequest, code: CodeInvalidInput, field: ie.Field(), msg: "invalid input", violations: ie.Violations}
		if len(ie.Violations) > 0 {
			ae.msg = ie.Violations[0].Message
		}
		if n := len(ie.Violations) - 1 + ie.Dropped; n > 0 {
			ae.msg += fmt.Sprintf(" (and %d more violations)", n)
		} else {
			ae.violations = nil
		}
		if errors.Is(err, vrp.ErrInfeasible) {
			ae.status, ae.code = fasthttp.StatusUnprocessableEntity, CodeInfeasible
		}
		return ae
	}
	switch {
	case errors.Is(err, errOverloaded), errors.Is(err, errQueueTimeout):
		return &apiError{status: fasthttp.StatusTooManyRequests, code: CodeOverloaded, msg: "the server is at capacity; retry later", retryAfter: max(1, retryAfter)}
	case errors.Is(err, errDraining):
		return &apiError{status: fasthttp.StatusServiceUnavailable, code: CodeDraining, msg: "the server is shutting down", retryAfter: max(1, retryAfter)}
	case errors.Is(err, alloc.ErrInfeasible), errors.Is(err, alloc.ErrNoAssignment):
		return &apiError{status: fasthttp.StatusUnprocessableEntity, code: CodeInfeasible, msg: err.Error()}
	case errors.Is(err, stock.ErrUnknownFunction):
		return &apiError{status: fasthttp.StatusNotFound, code: CodeNotFound, field: "function", msg: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{status: fasthttp.StatusGatewayTimeout, code: CodeDeadline, msg: "the deadline passed before a result was found"}
	case errors.Is(err, context.Canceled):
		return &apiError{status: fasthttp.StatusServiceUnavailable, code: CodeCanceled, msg: "the request was canceled"}
	}
	return &apiError{status: fasthttp.StatusInternalServerError, code: CodeInternal, msg: "internal error; quote the request id when reporting it"}
}

// writeError writes ae as the response, with Retry-After when set.
func (s *Server) writeError(rc *fasthttp.RequestCtx, ae *apiError, requestID string) {
	if ae.retryAfter > 0 {
		rc.Response.Header.Set("Retry-After", strconv.Itoa(ae.retryAfter))
	}
	if ae.body != nil {
		s.writeJSON(rc, ae.status, ae.body(requestID))
		return
	}
	s.writeJSON(rc, ae.status, ErrorBody{Error: ae.detail(requestID)})
}
