package jingzi

import "context"

// Permission helpers. Every service calls them before it reads or changes anything;
// the web layer calls them only to decide what to show. The system actor may do
// everything; an anonymous caller nothing.

// HasRoleOver reports whether the caller holds role at an org covering path.
func HasRoleOver(ctx context.Context, role Role, path string) bool {
	a := ActorFromContext(ctx)
	if a == nil {
		return false
	} else if a.System != "" {
		return true
	} else if a.User == nil || a.User.Disabled {
		return false
	}
	for _, g := range a.User.Grants {
		if g.Role == role && g.Covers(path) {
			return true
		}
	}
	return false
}

func hasAnyRoleOver(ctx context.Context, path string, roles ...Role) bool {
	for _, r := range roles {
		if HasRoleOver(ctx, r, path) {
			return true
		}
	}
	return false
}

// IsSystem reports whether the caller is the system itself.
func IsSystem(ctx context.Context) bool {
	a := ActorFromContext(ctx)
	return a != nil && a.System != ""
}

// CanViewOrg: any role over the org lets its holder see it in the tree.
func CanViewOrg(ctx context.Context, org *Org) bool {
	return hasAnyRoleOver(ctx, org.Path, Roles...)
}

// CanManageOrg: creating, renaming, moving and archiving orgs is the system admin's.
func CanManageOrg(ctx context.Context, org *Org) bool {
	return HasRoleOver(ctx, RoleSysadmin, org.Path)
}

// CanManageUsersAt: a system admin over the org manages the accounts that belong to it.
func CanManageUsersAt(ctx context.Context, orgPath string) bool {
	return HasRoleOver(ctx, RoleSysadmin, orgPath)
}

// CanReadAuditLog: only the security auditor reads the audit log (三权分立); the
// system administrator and the security administrator do not.
func CanReadAuditLog(ctx context.Context) bool {
	if IsSystem(ctx) {
		return true
	}
	u := UserFromContext(ctx)
	return u != nil && !u.Disabled && u.Holds(RoleAuditor)
}

// CanManageSecurity: the security administrator sets the security policy and unlocks accounts.
func CanManageSecurity(ctx context.Context) bool {
	if IsSystem(ctx) {
		return true
	}
	u := UserFromContext(ctx)
	return u != nil && !u.Disabled && u.Holds(RoleSecadmin)
}

// CanViewMeeting: organisers and reviewers over the team's org, and the team's own
// participants, see a meeting. Administrators do not see meeting content.
func CanViewMeeting(ctx context.Context, orgPath string) bool {
	return hasAnyRoleOver(ctx, orgPath, RoleOrganizer, RoleReviewer, RoleParticipant)
}

// CanManageMeeting: the organiser over the team's org sets a meeting up and runs it.
func CanManageMeeting(ctx context.Context, orgPath string) bool {
	return HasRoleOver(ctx, RoleOrganizer, orgPath)
}

// CanUseOrg: whether the caller may make org their working org in the switcher.
func CanUseOrg(ctx context.Context, org *Org) bool {
	return !org.Archived && CanViewOrg(ctx, org)
}

// RosterEntry returns the caller's own entry on the meeting's roster, or nil. A
// participant role over the team's org is needed as well as the roster entry.
func RosterEntry(ctx context.Context, m *Meeting) *Participant {
	u := UserFromContext(ctx)
	if u == nil || !HasRoleOver(ctx, RoleParticipant, m.OrgPath) {
		return nil
	}
	for _, p := range m.Participants {
		if p.UserID != 0 && p.UserID == u.ID {
			return p
		}
	}
	return nil
}

// CanViewStatement: organisers over the team see every statement; a
// participant sees their own and the team's, and the head a member's once it
// is submitted; a reviewer of the superior over the team sees statements
// submitted or later. Nobody sees a colleague's draft.
func CanViewStatement(ctx context.Context, m *Meeting, s *Statement) bool {
	if HasRoleOver(ctx, RoleOrganizer, m.OrgPath) {
		return true
	}
	submitted := s.State != "" && s.State != StateDraft
	if submitted && IsStatementReviewer(ctx, m) {
		return true
	}
	me := RosterEntry(ctx, m)
	if me == nil {
		return false
	}
	return s.ParticipantID == 0 || s.ParticipantID == me.ID || (me.Head && submitted)
}

// CanEditStatement: only the author edits their statement, and only while it is
// a draft or returned; the team's statement is drafted by the head (主要负责人)
// or the organiser.
func CanEditStatement(ctx context.Context, m *Meeting, s *Statement) bool {
	if IsSystem(ctx) {
		return true
	}
	return s.State.Editable() && IsStatementAuthor(ctx, m, s)
}

// CanCreateStatement: the organiser prepares statements for every owner (from
// the skeleton or an imported file); an author may start their own.
func CanCreateStatement(ctx context.Context, m *Meeting, s *Statement) bool {
	return HasRoleOver(ctx, RoleOrganizer, m.OrgPath) || CanEditStatement(ctx, m, s)
}

// CanViewStudy: organisers and reviewers over the team see every study session
// (学习研讨) and its materials; so do the participants on the meeting's roster.
func CanViewStudy(ctx context.Context, m *Meeting) bool {
	return hasAnyRoleOver(ctx, m.OrgPath, RoleOrganizer, RoleReviewer) || RosterEntry(ctx, m) != nil
}

// CanManageStudy: the organiser over the team records sessions, attendance and materials.
func CanManageStudy(ctx context.Context, m *Meeting) bool {
	return HasRoleOver(ctx, RoleOrganizer, m.OrgPath)
}

// CanWriteStudyNote: a participant writes their own 研讨发言/心得; the organiser
// may enter anyone's.
func CanWriteStudyNote(ctx context.Context, m *Meeting, participantID int64) bool {
	if CanManageStudy(ctx, m) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && me.ID == participantID
}

// CanViewTalk: organisers and reviewers over the team see every talk (谈心谈话);
// a participant sees the talks they took part in.
func CanViewTalk(ctx context.Context, m *Meeting, t *Talk) bool {
	if hasAnyRoleOver(ctx, m.OrgPath, RoleOrganizer, RoleReviewer) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && t.Involves(me.ID)
}

// CanRecordTalks: the organiser records every talk of the meeting; a
// participant on the roster records their own.
func CanRecordTalks(ctx context.Context, m *Meeting) bool {
	return HasRoleOver(ctx, RoleOrganizer, m.OrgPath) || RosterEntry(ctx, m) != nil
}

// CanRecordTalk: the organiser, or a participant recording a talk they took part in.
func CanRecordTalk(ctx context.Context, m *Meeting, t *Talk) bool {
	if HasRoleOver(ctx, RoleOrganizer, m.OrgPath) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && t.Involves(me.ID)
}

// CanEditTalk: the organiser, or the participant who recorded the talk, changes
// or deletes it.
func CanEditTalk(ctx context.Context, m *Meeting, t *Talk) bool {
	if HasRoleOver(ctx, RoleOrganizer, m.OrgPath) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && t.RecordedBy == me.UserID && t.Involves(me.ID)
}
