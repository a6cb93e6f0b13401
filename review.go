package jingzi

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// StatementState 材料状态 is where a statement stands in the 审阅/审核 chain.
type StatementState string

const (
	StateDraft     StatementState = "draft"     // 草稿
	StateSubmitted StatementState = "submitted" // 待审阅
	StateReturned  StatementState = "returned"  // 退回
	StateApproved  StatementState = "approved"  // 已通过
	StateFinal     StatementState = "final"     // 定稿
)

// Label is the Chinese name of the state.
func (s StatementState) Label() string {
	switch s {
	case StateSubmitted:
		return "待审阅"
	case StateReturned:
		return "退回"
	case StateApproved:
		return "已通过"
	case StateFinal:
		return "定稿"
	}
	return "草稿"
}

// Editable reports whether the author may change the statement in this state.
func (s StatementState) Editable() bool { return s == "" || s == StateDraft || s == StateReturned }

// Desk 经办环节 says at whose desk a statement lies.
type Desk string

const (
	DeskAuthor   Desk = "author"   // the author writes or revises
	DeskHead     Desk = "head"     // 主要负责人 reviews a member's statement
	DeskReviewer Desk = "reviewer" // the superior's 审核人
	DeskNone     Desk = ""         // approved or final: nobody needs to act
)

// Label is the Chinese name of the desk.
func (d Desk) Label() string {
	switch d {
	case DeskAuthor:
		return "本人修改"
	case DeskHead:
		return "主要负责人审阅"
	case DeskReviewer:
		return "上级审核"
	}
	return "—"
}

// Review actions, one per step of the chain.
const (
	ReviewSubmit   = "submit"   // 提交审阅
	ReviewApprove  = "approve"  // 通过
	ReviewReturn   = "return"   // 退回
	ReviewFinalize = "finalize" // 定稿
	ReviewReopen   = "reopen"   // 重新打开
)

// ReviewActionLabel is the Chinese name of a review action.
func ReviewActionLabel(a string) string {
	switch a {
	case ReviewSubmit:
		return "提交审阅"
	case ReviewApprove:
		return "通过"
	case ReviewReturn:
		return "退回"
	case ReviewFinalize:
		return "定稿"
	case ReviewReopen:
		return "重新打开"
	}
	return a
}

// Review 审阅记录 is one step of a statement's chain: who acted, in which role,
// what they decided, why, on which version and when.
type Review struct {
	ID          int64
	StatementID int64
	UserID      int64
	UserName    string
	Role        Desk   // the desk the actor acted from
	Action      string // ReviewSubmit …
	Reasons     string // required for a return or a reopening
	Version     int    // the statement version acted on
	At          time.Time
}

// Label is the Chinese name of the review's action.
func (r *Review) Label() string { return ReviewActionLabel(r.Action) }

// NextDesk returns the desk after the head's or the author's step: a member's
// statement goes to the head first when the head has an account; the team's
// and the head's own statements go straight to the reviewer.
func NextDesk(m *Meeting, s *Statement, from Desk) Desk {
	if from == DeskAuthor && s.ParticipantID != 0 {
		if h := m.Head(); h != nil && h.UserID != 0 && h.ID != s.ParticipantID {
			return DeskHead
		}
	}
	return DeskReviewer
}

// IsStatementReviewer: a reviewer of the superior holding the reviewer role over
// the team's org, or one named on the meeting.
func IsStatementReviewer(ctx context.Context, m *Meeting) bool {
	if HasRoleOver(ctx, RoleReviewer, m.OrgPath) {
		return true
	}
	u := UserFromContext(ctx)
	if u == nil || u.Disabled || !u.Holds(RoleReviewer) {
		return false
	}
	for _, r := range m.Reviewers {
		if r.UserID == u.ID {
			return true
		}
	}
	return false
}

// IsStatementAuthor: the participant owning the statement, or for the team's
// statement the head (and the organiser, who drafts it).
func IsStatementAuthor(ctx context.Context, m *Meeting, s *Statement) bool {
	me := RosterEntry(ctx, m)
	if s.ParticipantID == 0 {
		return (me != nil && me.Head) || HasRoleOver(ctx, RoleOrganizer, m.OrgPath)
	}
	return me != nil && me.ID == s.ParticipantID
}

// isHeadOf: the caller is the head reviewing a member's statement.
func isHeadOf(ctx context.Context, m *Meeting, s *Statement) bool {
	me := RosterEntry(ctx, m)
	return me != nil && me.Head && s.ParticipantID != 0 && s.ParticipantID != me.ID
}

// CanActOnStatement reports whether the caller may take the action now.
func CanActOnStatement(ctx context.Context, m *Meeting, s *Statement, action string) bool {
	switch action {
	case ReviewSubmit:
		return s.State.Editable() && IsStatementAuthor(ctx, m, s)
	case ReviewApprove, ReviewReturn:
		if s.State != StateSubmitted {
			return false
		} else if s.Desk == DeskHead {
			return isHeadOf(ctx, m, s)
		}
		return s.Desk == DeskReviewer && IsStatementReviewer(ctx, m)
	case ReviewFinalize:
		return s.State == StateApproved && IsStatementReviewer(ctx, m)
	case ReviewReopen:
		return s.State == StateFinal && IsStatementReviewer(ctx, m)
	}
	return false
}

// ValidateReasons returns EINVALID when a return or a reopening lacks its reasons.
func ValidateReasons(action, reasons string) error {
	reasons = strings.TrimSpace(reasons)
	needs := action == ReviewReturn || action == ReviewReopen
	switch {
	case needs && reasons == "":
		return Errorf(EINVALID, "请填写%s的理由。", ReviewActionLabel(action))
	case utf8.RuneCountInString(reasons) > 5000:
		return Errorf(EINVALID, "理由不能超过5000个字。")
	}
	return nil
}

// ReviewService 审阅审核. Each transition returns ENOTFOUND when the caller may
// not see the statement, EFORBIDDEN when the state or the caller's role does
// not allow it, ECONFLICT when version is not the statement's current version,
// and EINVALID when reasons are missing. Each writes a Review, an audit entry
// and the notifications in one transaction.
type ReviewService interface {
	Submit(ctx context.Context, statementID int64, version int) error
	Approve(ctx context.Context, statementID int64, version int, reasons string) error
	Return(ctx context.Context, statementID int64, version int, reasons string) error
	Finalize(ctx context.Context, statementID int64, version int) error
	Reopen(ctx context.Context, statementID int64, version int, reasons string) error
	// FindReviews lists the chain of a statement, oldest first.
	FindReviews(ctx context.Context, statementID int64) ([]*Review, error)

	FindComments(ctx context.Context, statementID int64) ([]*Comment, error)
	// AddComment: reviewers, the head and the author comment; a reply names ParentID.
	AddComment(ctx context.Context, c *Comment) error
	// ResolveComment marks a comment resolved (or open again); the author and the comment's writer may.
	ResolveComment(ctx context.Context, id int64, resolved bool) error
}

// LastReturned returns the version of the newest return or reopening, or 0:
// on resubmission the reviewer compares it with the new version.
func LastReturned(reviews []*Review) int {
	for i := len(reviews) - 1; i >= 0; i-- {
		if a := reviews[i].Action; a == ReviewReturn || a == ReviewReopen {
			return reviews[i].Version
		}
	}
	return 0
}

// CanCommentStatement: the author, the head (on a member's statement) and the
// superior's reviewers comment on a statement they can see.
func CanCommentStatement(ctx context.Context, m *Meeting, s *Statement) bool {
	if !CanViewStatement(ctx, m, s) {
		return false
	}
	return IsStatementAuthor(ctx, m, s) || isHeadOf(ctx, m, s) || IsStatementReviewer(ctx, m)
}
