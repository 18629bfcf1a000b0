"""Panel questions: public questions to the Police and Crime Panel, each as far as its lifecycle has gone,
counted per meeting."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.panel_questions.projection import PROJECTION
from peel.reporting.read_models.panel_questions.routes import router
from peel.reporting.read_models.panel_questions.store import PanelQuestionStore

READ_MODEL = ReadModel(name="panel_questions", tables=("panel_questions",), store=PanelQuestionStore,
                       projection=PROJECTION, routers=(router,))
