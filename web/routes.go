package web

import (
	"net/http"

	"jingzi"
)

// routes registers every page. Pages behind s.auth need a session; s.optional
// loads one when present (login page, error pages).
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /static/{hash}/{name...}", http.HandlerFunc(s.serveStatic))

	mux.Handle("GET /login", s.optional(s.loginPage))
	mux.Handle("POST /login", s.optional(s.login))
	mux.Handle("POST /logout", s.optional(s.logout))
	mux.Handle("GET /password", s.auth(s.passwordPage))
	mux.Handle("POST /password", s.auth(s.changePassword))
	mux.Handle("POST /me/email", s.auth(s.changeEmail))
	mux.Handle("POST /org/switch", s.auth(s.switchOrg))

	mux.Handle("GET /{$}", s.auth(s.dashboard))
	mux.Handle("GET /meetings", s.auth(s.meetingList))
	mux.Handle("GET /meetings/{id}", s.auth(s.meetingPage))
	mux.Handle("GET /meetings/{id}/{phase}", s.auth(s.meetingPhasePage))
	mux.Handle("GET /meetings/new", s.auth(s.meetingNewPage))
	mux.Handle("POST /meetings", s.auth(s.createMeeting))
	mux.Handle("GET /meetings/{id}/edit", s.auth(s.meetingEditPage))
	mux.Handle("POST /meetings/{id}/edit", s.auth(s.updateMeeting))
	mux.Handle("POST /meetings/{id}/phase", s.auth(s.setPhase))
	mux.Handle("GET /meetings/{id}/plan", s.auth(s.planPage))
	mux.Handle("GET /phases/{phase}", s.auth(s.phasePage))
	mux.Handle("GET /supervision", s.auth(s.supervisionDashboard))
	mux.Handle("GET /supervision/export.xlsx", s.auth(s.exportSupervision))

	mux.Handle("GET /meetings/{id}/statements", s.auth(s.statementList))
	mux.Handle("POST /meetings/{id}/statements", s.auth(s.createStatement))
	mux.Handle("POST /meetings/{id}/statements/import", s.auth(s.importStatement))
	mux.Handle("GET /statements/{id}", s.auth(s.statementPage))
	mux.Handle("POST /statements/{id}", s.auth(s.saveStatement))
	mux.Handle("POST /statements/{id}/items/{key}", s.auth(s.saveStatementItem))
	for _, format := range exportFormats {
		mux.Handle("GET /statements/{id}/export."+format, s.auth(s.exportStatement(format)))
	}
	mux.Handle("GET /statements/{id}/versions", s.auth(s.statementVersions))
	mux.Handle("GET /statements/{id}/compare", s.auth(s.compareStatement))
	if s.ReviewService != nil {
		mux.Handle("POST /statements/{id}/review", s.auth(s.reviewStatement))
		mux.Handle("POST /statements/{id}/comments", s.auth(s.addComment))
		mux.Handle("POST /statements/{id}/comments/resolve", s.auth(s.resolveComment))
	}
	if s.NotificationService != nil {
		mux.Handle("GET /notifications", s.auth(s.notificationList))
		mux.Handle("POST /notifications/read", s.auth(s.markNotificationsRead))
	}

	if s.MinutesService != nil { // 召开: more specific than /meetings/{id}/{phase}, which stays "coming soon" without it
		mux.Handle("GET /meetings/{id}/meeting", s.auth(s.minutesPageHandler))
		mux.Handle("POST /meetings/{id}/meeting", s.auth(s.saveMinutes))
		mux.Handle("POST /meetings/{id}/meeting/report", s.auth(s.markReportSent))
		mux.Handle("POST /meetings/{id}/criticisms/{cid}/response", s.auth(s.respondToCriticism))
		mux.Handle("GET /meetings/{id}/minutes.docx", s.auth(s.exportMinutesDocx))
		mux.Handle("GET /meetings/{id}/report.docx", s.auth(s.exportReportDocx))
	}

	mux.Handle("GET /meetings/{id}/opinions", s.auth(s.solicitationList))
	mux.Handle("POST /meetings/{id}/solicitations", s.auth(s.createSolicitation))
	mux.Handle("GET /meetings/{id}/feedback", s.auth(s.feedbackPage))
	mux.Handle("GET /solicitations/{id}", s.auth(s.solicitationPage))
	mux.Handle("POST /solicitations/{id}", s.auth(s.updateSolicitation))
	mux.Handle("POST /solicitations/{id}/release", s.auth(s.releaseFeedback))
	mux.Handle("POST /solicitations/{id}/codes", s.auth(s.generateCodes))
	mux.Handle("POST /solicitations/{id}/units", s.auth(s.createUnitForm))
	mux.Handle("POST /solicitations/{id}/opinions", s.auth(s.createOpinion))
	mux.Handle("POST /solicitations/{id}/merge", s.auth(s.mergeOpinions))
	mux.Handle("GET /solicitations/{id}/export.xlsx", s.auth(s.exportOpinions))
	mux.Handle("GET /solicitations/{id}/export.docx", s.auth(s.exportOpinionsDocx))
	mux.Handle("POST /opinions/{id}", s.auth(s.updateOpinion))
	mux.Handle("POST /opinions/{id}/link", s.auth(s.linkOpinion))
	// The anonymous public page: no session is loaded on these routes.
	mux.Handle("GET /o", http.HandlerFunc(s.publicCode))
	mux.Handle("POST /o", http.HandlerFunc(s.submitCode))
	mux.Handle("GET /o/done", http.HandlerFunc(s.publicDone))
	mux.Handle("GET /u/{token}", http.HandlerFunc(s.unitPage))
	mux.Handle("POST /u/{token}", http.HandlerFunc(s.submitUnit))

	if s.ArchiveService != nil { // 归档: more specific than /meetings/{id}/{phase}
		mux.Handle("GET /meetings/{id}/archive", s.auth(s.archivePageHandler))
		mux.Handle("POST /meetings/{id}/archive", s.auth(s.archiveMeeting))
		mux.Handle("POST /meetings/{id}/reopen", s.auth(s.reopenMeeting))
		mux.Handle("GET /archives/{id}/download", s.auth(s.downloadArchive))
	}

	if s.LedgerService != nil {
		mux.Handle("GET /meetings/{id}/rectify", s.auth(s.ledgerList))
		mux.Handle("GET /meetings/{id}/rectify/new", s.auth(s.ledgerNew))
		mux.Handle("POST /meetings/{id}/ledger", s.auth(s.createLedgerItem))
		mux.Handle("GET /meetings/{id}/ledger.xlsx", s.auth(s.exportLedger))
		mux.Handle("GET /meetings/{id}/bulletin.docx", s.auth(s.exportLedgerDocument(jingzi.BulletinDocument, "整改落实情况通报")))
		mux.Handle("GET /meetings/{id}/rectification-report.docx", s.auth(s.exportLedgerDocument(jingzi.RectificationReportDocument, "整改落实情况报告")))
		mux.Handle("GET /ledger/{id}", s.auth(s.ledgerItemPage))
		mux.Handle("POST /ledger/{id}", s.auth(s.updateLedgerItem))
		mux.Handle("POST /ledger/{id}/delete", s.auth(s.deleteLedgerItem))
		mux.Handle("POST /ledger/{id}/progress", s.auth(s.addLedgerProgress))
		mux.Handle("POST /ledger/{id}/closeout", s.auth(s.closeOutLedgerItem))
		mux.Handle("GET /ledger/evidence/{id}", s.auth(s.downloadEvidence))
	}

	mux.Handle("GET /meetings/{id}/talks", s.auth(s.talkList))
	mux.Handle("POST /meetings/{id}/talks", s.auth(s.recordTalk))
	mux.Handle("GET /talks/{id}", s.auth(s.talkPage))
	mux.Handle("POST /talks/{id}", s.auth(s.updateTalk))
	mux.Handle("POST /talks/{id}/delete", s.auth(s.deleteTalk))
	mux.Handle("POST /talks/{id}/opinions", s.auth(s.talkOpinions))

	mux.Handle("GET /meetings/{id}/study", s.auth(s.studyList))
	mux.Handle("POST /meetings/{id}/study", s.auth(s.createStudy))
	mux.Handle("GET /studies/{id}", s.auth(s.studyPageHandler))
	mux.Handle("POST /studies/{id}", s.auth(s.updateStudy))
	mux.Handle("POST /studies/{id}/delete", s.auth(s.deleteStudy))
	mux.Handle("POST /studies/{id}/attendance", s.auth(s.setStudyAttendance))
	mux.Handle("POST /studies/{id}/notes", s.auth(s.saveStudyNote))
	mux.Handle("POST /studies/{id}/files", s.auth(s.uploadStudyFile))
	mux.Handle("GET /studies/{id}/files/{fileID}", s.auth(s.downloadStudyFile))
	mux.Handle("POST /studies/{id}/files/{fileID}/delete", s.auth(s.deleteStudyFile))

	mux.Handle("GET /corpus", s.auth(s.corpusList))
	mux.Handle("POST /corpus", s.auth(s.uploadCorpus))
	mux.Handle("POST /corpus/{id}/delete", s.auth(s.deleteCorpusDoc))

	mux.Handle("GET /frameworks", s.auth(s.frameworkList))
	mux.Handle("GET /frameworks/new", s.auth(s.frameworkNewPage))
	mux.Handle("POST /frameworks/new", s.auth(s.createFramework))
	mux.Handle("GET /frameworks/{id}", s.auth(s.frameworkPage))
	mux.Handle("POST /frameworks/{id}/copy", s.auth(s.copyFramework))
	mux.Handle("GET /frameworks/{id}/edit", s.auth(s.frameworkEditPage))
	mux.Handle("POST /frameworks/{id}/edit", s.auth(s.updateFramework))

	mux.Handle("GET /orgs", s.auth(s.orgList))
	mux.Handle("GET /orgs/new", s.auth(s.orgNewPage))
	mux.Handle("POST /orgs", s.auth(s.createOrg))
	mux.Handle("GET /orgs/{id}", s.auth(s.orgPage))
	mux.Handle("POST /orgs/{id}", s.auth(s.updateOrg))

	mux.Handle("GET /users", s.auth(s.userList))
	mux.Handle("GET /users/new", s.auth(s.userNewPage))
	mux.Handle("POST /users", s.auth(s.createUser))
	mux.Handle("GET /users/{id}", s.auth(s.userPage))
	mux.Handle("POST /users/{id}", s.auth(s.updateUser))
	mux.Handle("POST /users/{id}/grants", s.auth(s.updateGrants))
	mux.Handle("POST /users/{id}/password", s.auth(s.resetPassword))

	mux.Handle("GET /audit", s.auth(s.auditList))
	mux.Handle("GET /security", s.auth(s.securityPage))
	mux.Handle("POST /security", s.auth(s.updateSecurity))
	mux.Handle("POST /security/unlock", s.auth(s.unlock))
	return mux
}
