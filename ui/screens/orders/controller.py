"""Order entry: reads the order line on every keystroke, keeps the basket, asks a reason for each
critical alert, signs the basket on the worker lane; stops and modifies active orders."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from offline_cache.workstation import Workstation
from ui.screens.orders import tasks
from ui.screens.orders.actions import OrderActions
from ui.screens.orders.catalogue import default_catalogue
from ui.screens.orders.cosign import OrderSignOff
from ui.screens.orders.dialogs import ReasonDialog, RuleStatisticsDialog
from ui.screens.orders.entry import DraftOrder, OrderReader, Reading, medication_sentence
from ui.screens.orders.render import alerts_html, basket_icon, basket_line, reading_html
from ui.screens.orders.reorganise import SheetReorganiser
from ui.screens.orders.signoff import session_prescriber, with_signoff
from ui.screens.orders.stewardship import ask_all
from ui.screens.orders.verbal import VerbalOrders
from ui.screens.orders.view import OrdersView
from ui.workers import Workers
from workstation.clinical.checks import Override
from workstation.clinical.order_sheet import flipped
from workstation.clinical.reference import InForce, shipped


def chart_context(
    ws: Workstation, chart: dict[str, Any], known: InForce, frequent: dict[str, list[str]] | None
) -> tuple[InForce, tasks.OrderContext]:
    """The formulary and knowledge in force on the station and the patient's order context (on
    the worker lane); the ward's usual sentences are read again when the formulary changed."""
    reference = ws.store.reference.in_force()
    if reference is not known:
        frequent = None
    return reference, tasks.order_context(ws, chart, reference.formulary, frequent)


class OrdersController(QObject):
    """One patient's order entry; the basket of each patient is kept until signed or removed."""

    sig_orders_signed = Signal(list)  # the new order ids
    sig_order_discontinued = Signal(str)
    sig_chart_changed = Signal()
    sig_message = Signal(str)  # for the status bar

    def __init__(self, view: OrdersView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.reference = shipped()  # until the first chart brings the station's (worker lane)
        self.reader = self._reader(self.reference)
        self.patient_id: str | None = None
        self.baskets: dict[str, list[DraftOrder]] = {}
        self.reading = Reading()
        self.preview: Reading | None = None  # the highlighted suggestion, read
        self.replacing: dict[str, Any] | None = None  # the active order being modified
        self.context_ready = False
        v = view
        v.sig_text_edited.connect(self._read_line)
        v.sig_add_requested.connect(self.add_line)
        v.sig_complete_requested.connect(self.complete)
        v.sig_suggestion_moved.connect(self._move_suggestion)
        v.sig_clear_requested.connect(self.clear_line)
        v.sig_basket_remove_requested.connect(self._remove_from_basket)
        v.sig_basket_edit_requested.connect(self._edit_basket_line)
        v.sig_term_flip_requested.connect(self.flip_term)
        v.sig_discontinue_requested.connect(self.discontinue)
        v.sig_modify_requested.connect(self.modify)
        self.signoff = OrderSignOff(workstation, workers, self)
        self.signoff.sig_message.connect(self.sig_message)
        self.signoff.sig_chart_changed.connect(self.sig_chart_changed)
        self.verbal = VerbalOrders(workstation, self)
        self.verbal.sig_message.connect(self.sig_message)
        self.verbal.sig_chosen.connect(lambda: QTimer.singleShot(0, self.focus_entry))
        self.reorganiser = SheetReorganiser(workstation, workers, self)
        self.reorganiser.sig_message.connect(self.sig_message)
        self.reorganiser.sig_chart_changed.connect(self.sig_chart_changed)

    @property
    def basket(self) -> list[DraftOrder]:
        """The open patient's unsigned orders."""
        return self.baskets.setdefault(self.patient_id or "", [])

    def connect_actions(self, actions: OrderActions) -> None:
        """Wire the Orders menu (F9 signs; order sets; stop, modify, statistics)."""
        actions.sign.triggered.connect(self.sign)
        actions.discontinue.triggered.connect(lambda: self._on_selected(self.discontinue))
        actions.modify.triggered.connect(lambda: self._on_selected(self.modify))
        actions.statistics.triggered.connect(self.show_statistics)
        actions.cosign.triggered.connect(self._sign_off_selected)
        actions.verbal.triggered.connect(
            lambda: self.verbal.start(self.patient_id, self.view.window())
        )
        actions.reorganise.triggered.connect(
            lambda: self.reorganiser.start(self.patient_id, self.view.window())
        )
        for set_id, action in actions.order_sets.items():
            action.triggered.connect(lambda _checked=False, s=set_id: self.add_order_set(s))

    # -- the chart -------------------------------------------------------------------------
    def show_chart(self, chart: dict[str, Any]) -> None:
        """A chart was opened or reloaded: list its orders, load the checks' context once."""
        patient_id = str(chart["patient"]["patient_id"])
        changed = patient_id != self.patient_id
        self.patient_id = patient_id
        self.reader.prescriber = session_prescriber(self.workstation.sessions.current)
        self.view.active_model.set_rows(chart["orders"])
        if changed:
            self.context_ready, self.replacing = False, None
            self.view.line.clear()
            self._read_line("")
        self._show_basket()
        frequent = self.reader.frequent if changed and self.reader.frequent else None
        self.workers.run(chart_context, self.workstation, chart, self.reference, frequent,
                         done=self._context_loaded)  # fmt: skip

    def _reader(self, reference: InForce) -> OrderReader:
        return OrderReader(reference.formulary, reference.knowledge, default_catalogue(),
                           language=QLocale().name())  # fmt: skip

    def _context_loaded(self, loaded: tuple[InForce, tasks.OrderContext]) -> None:
        reference, context = loaded
        if reference is not self.reference:  # a formulary was published since: read with it
            self.reference, self.reader = reference, self._reader(reference)
        if context.patient_id != self.patient_id:
            return
        self.reader.context, self.reader.frequent = context.patient, context.frequent
        self.reader.discharge_context = context.discharge
        self.context_ready = True
        self._read_line(self.view.line.text())

    def clear(self, *, forget: bool) -> None:
        """Empty the widgets (lock); forget=True (logout) also drops the unsigned baskets."""
        if forget:
            self.baskets.clear()
        self.patient_id, self.replacing, self.context_ready = None, None, False
        self.view.line.clear()
        self.view.show_reading("", "", [])
        self.view.show_basket([])
        self.view.active_model.set_rows([])

    def focus_entry(self) -> None:
        """Put the cursor in the order line (Ctrl+3)."""
        self.view.line.setFocus()

    # -- the order line --------------------------------------------------------------------
    def _read_line(self, text: str) -> None:
        self.reading = self.reader.read(text, self.basket) if self.patient_id else Reading()
        self._show_reading()

    def _show_reading(self) -> None:
        reading, language = self.reading, self.reader.language
        self.preview = None
        if reading.draft is None and reading.order_set is None and reading.suggestions:
            row = max(self.view.suggestions.currentRow(), 0)
            row = min(row, len(reading.suggestions) - 1)
            self.preview = self.reader.read(reading.suggestions[row].text, self.basket)
        shown = (
            self.preview
            if self.preview and (self.preview.draft or self.preview.order_set)
            else reading
        )
        html = reading_html(reading, shown if shown is not reading else None, language)
        alerts = shown.draft.alerts if shown.draft is not None else ()
        labels = [s.label for s in reading.suggestions]
        current = self.view.suggestions.currentRow()
        self.view.show_reading(html, alerts_html(alerts, language), labels)
        if 0 <= current < len(labels):
            self.view.suggestions.setCurrentRow(current)

    def _move_suggestion(self, step: int) -> None:
        self.view.move_suggestion(step)
        self._show_reading()

    def complete(self) -> None:
        """Tab: the highlighted suggestion replaces the line (a space after it, to go on typing)."""
        suggestions = self.reading.suggestions
        row = self.view.suggestions.currentRow()
        if not suggestions or not 0 <= row < len(suggestions):
            return
        self.view.line.setText(suggestions[row].text + " ")
        self._read_line(self.view.line.text())

    def clear_line(self) -> None:
        """Esc: empty the line (and stop modifying an order)."""
        self.replacing = None
        self.view.line.clear()
        self._read_line("")

    def add_line(self) -> None:
        """Enter: the line's order (or the highlighted suggestion, or the order set) to the basket."""
        reading = self.reading
        if reading.draft is None and reading.order_set is None and self.preview is not None:
            reading = self.preview
        if reading.order_set is not None:
            self.add_order_set(reading.order_set.set_id)
            return
        if reading.draft is None:
            self.sig_message.emit(reading.error or self.tr("Type an order first."))
            return
        draft = reading.draft
        if self.replacing is not None:
            draft.replaces_order_id = str(self.replacing["order_id"])
            self.replacing = None
        self.basket.append(draft)
        self.clear_line()
        self._show_basket()

    def add_order_set(self, set_id: str) -> None:
        """Every line of an order set into the basket, each parsed and checked."""
        if self.patient_id is None:
            return
        order_set = next(s for s in self.reader.catalogue.order_sets if s.set_id == set_id)
        drafts = self.reader.order_set_drafts(order_set, self.basket)
        self.basket.extend(drafts)
        self.clear_line()
        self._show_basket()
        self.sig_message.emit(self.tr("%1: %2 orders added to the basket; review, then F9 signs.")
                              .replace("%1", order_set.name(self.reader.language))
                              .replace("%2", str(len(drafts))))  # fmt: skip
        self.focus_entry()

    # -- the basket ------------------------------------------------------------------------
    def _show_basket(self) -> None:
        self.view.show_basket(
            [basket_line(d, self.reader.language) for d in self.basket],
            [basket_icon(d) for d in self.basket],
        )

    def _remove_from_basket(self, row: int) -> None:
        if 0 <= row < len(self.basket):
            del self.basket[row]
            self._show_basket()

    def flip_term(self, row: int) -> None:
        """F8: the basket line (the newest from the order line) goes 长期 <-> 临时."""
        if not self.basket:
            self.sig_message.emit(self.tr("The basket is empty: nothing to sign."))
            return
        draft = self.basket[row if 0 <= row < len(self.basket) else -1]
        draft.term = flipped(draft.chosen_term())
        self._show_basket()

    def _edit_basket_line(self, row: int) -> None:
        if 0 <= row < len(self.basket):
            draft = self.basket.pop(row)
            self._show_basket()
            self.view.line.setText(draft.text)
            self._read_line(draft.text)
            self.focus_entry()

    def sign(self) -> None:
        """F9: ask a reason for every critical alert still without one, then sign the basket."""
        if self.patient_id is None or not self.basket:
            self.sig_message.emit(self.tr("The basket is empty: nothing to sign."))
            return
        for draft in self.basket:
            blocking = draft.blocking()
            if blocking:
                self._ask_override(draft, blocking[0])
                return
        session, basket, patient_id = (
            self.workstation.sessions.current,
            list(self.basket),
            self.patient_id,
        )
        ask_all(basket, session, self.reader.formulary, self.view,
                lambda answers: self._sign_basket(patient_id, basket, answers))  # fmt: skip

    def _sign_basket(self, patient_id: str, basket: list[DraftOrder],
                     answers: dict[int, dict[str, Any]]) -> None:  # fmt: skip
        """Record the basket, each order with its sign-off and stewardship answers."""
        session = self.workstation.sessions.current
        orders = self.verbal.mark(
            patient_id,
            [
                with_signoff(d, session, self.reader.formulary, **answers.get(i, {}))
                for i, d in enumerate(basket)
            ],
        )  # a nurse's verbal order in a rescue: whose, and urgent
        self.workers.run(tasks.sign_orders, self.workstation, patient_id, orders,
                         done=lambda ids: self._signed(patient_id, ids),
                         failed=lambda error: self.sig_message.emit(str(error)))  # fmt: skip

    def _ask_override(self, draft: DraftOrder, alert: Any) -> None:
        language = self.reader.language
        dialog = ReasonDialog(
            self.tr("Critical alert: a reason is needed to sign"),
            f"<p><b>{escape(draft.description)}</b></p>{alerts_html([alert], language)}"
            f"<p><small>{escape(alert.source)}</small></p>",
            self.tr("Reason for giving it anyway (Esc: do not sign)"), self.view,
        )  # fmt: skip

        def given() -> None:
            draft.overrides.append(Override(alert.rule_id, dialog.given()))
            self._show_basket()
            self.sign()

        dialog.accepted.connect(given)
        dialog.rejected.connect(lambda: self.sig_message.emit(
            self.tr("Not signed: a critical alert needs a reason.")))  # fmt: skip
        dialog.open()

    def _signed(self, patient_id: str, order_ids: list[str]) -> None:
        self.baskets.pop(patient_id, None)
        if patient_id == self.patient_id:
            self._show_basket()
        self.sig_message.emit(self.tr("%1 order(s) signed and saved on this computer.")
                              .replace("%1", str(len(order_ids))))  # fmt: skip
        self.sig_orders_signed.emit(order_ids)
        self.sig_chart_changed.emit()

    # -- active orders ---------------------------------------------------------------------
    def _on_selected(self, act: Any) -> None:
        index = self.view.active.currentIndex()
        if index.isValid():
            act(index.row())
        else:
            self.view.active.setFocus()
            self.sig_message.emit(self.tr("Choose an order in the list first (F6, arrows)."))

    def _row(self, row: int) -> dict[str, Any] | None:
        rows = self.view.active_model.rows
        order = rows[row] if 0 <= row < len(rows) else None
        if order is None or order["status"] not in ("placed", "verified") or order.get("voided"):
            self.sig_message.emit(self.tr("Only an active order can be stopped or modified."))
            return None
        return order

    def discontinue(self, row: int) -> None:
        """Stop an active order: a reason, then OrderDiscontinued."""
        order = self._row(row)
        if order is None or self.patient_id is None:
            return
        patient_id, order_id = self.patient_id, str(order["order_id"])
        dialog = ReasonDialog(self.tr("Stop order"), f"<b>{escape(order['description'])}</b>",
                              self.tr("Reason for stopping"), self.view)  # fmt: skip

        def stop() -> None:
            self.workers.run(tasks.discontinue_order, self.workstation, patient_id, order_id,
                             dialog.given(), done=lambda _id: self._discontinued(order_id),
                             failed=lambda error: self.sig_message.emit(str(error)))  # fmt: skip

        dialog.accepted.connect(stop)
        dialog.open()

    def _discontinued(self, order_id: str) -> None:
        self.sig_order_discontinued.emit(order_id)
        self.sig_chart_changed.emit()

    def modify(self, row: int) -> None:
        """Put an active order in the line to change; signing stops it and places the new one."""
        order = self._row(row)
        if order is None:
            return
        if order["order_kind"] == "medication":
            text = medication_sentence(order, self.reader.formulary) or order["description"]
        elif order["order_kind"] == "nursing":
            text = f"n {order['description']}"
        else:
            text = order.get("code") or order["description"]
        self.replacing = order
        self.view.line.setText(text)
        self._read_line(text)
        self.focus_entry()
        self.sig_message.emit(
            self.tr("Modifying an order: change it, Enter, then F9 (the old one is stopped).")
        )

    def _sign_off_selected(self) -> None:
        """Ctrl+Shift+O: co-sign or approve the highlighted order (ui.screens.orders.cosign)."""
        index, rows = self.view.active.currentIndex(), self.view.active_model.rows
        order = rows[index.row()] if index.isValid() and index.row() < len(rows) else None
        self.signoff.sign_off(self.patient_id, order)

    def show_statistics(self) -> None:
        """The rule statistics of the ward's orders."""
        self.workers.run(tasks.rule_statistics, self.workstation,
                         done=lambda rows: RuleStatisticsDialog(rows, self.view).open())  # fmt: skip
