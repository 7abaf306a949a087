import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** A payload value that is written differently in JSONPath and JSONata states. */
export interface LanguageValue {
  /** The value in a JSONPath state (usually a `JsonPath` token, rendered as a `.$` field). */
  readonly jsonPath: unknown;
  /** The value in a JSONata state (usually a `{% ... %}` expression). */
  readonly jsonata: unknown;
}

/** The task token (`$$.Task.Token` / `$states.context.Task.Token`). */
export function taskTokenValue(): LanguageValue {
  return { jsonPath: sfn.JsonPath.taskToken, jsonata: '{% $states.context.Task.Token %}' };
}

/** The whole state input (`$` / `$states.input`). */
export function entireInputValue(): LanguageValue {
  return { jsonPath: sfn.JsonPath.entirePayload, jsonata: '{% $states.input %}' };
}

/** The query language a state is rendered in: its own, else the state machine's, else JSONPath. */
export function actualQueryLanguage(state?: sfn.QueryLanguage, topLevel?: sfn.QueryLanguage): sfn.QueryLanguage {
  return state ?? topLevel ?? sfn.QueryLanguage.JSON_PATH;
}

interface Slot {
  readonly target: Record<string, unknown>;
  readonly key: string;
  readonly value: LanguageValue;
}

/**
 * Places language-dependent values (the task token, the whole input) into payload objects the
 * step owns.
 *
 * A step bound without a query language (a `Flow` that inherits the `Workflow`'s) does not know
 * at bind time whether its state will be JSONPath or JSONata: that is decided by the state
 * machine, when aws-cdk-lib renders the state with `toStateJson(topLevelQueryLanguage)`. So the
 * values are written for JSONPath at first (aws-cdk-lib's default, and what its constructors'
 * own token checks see) and rewritten for the actual language each time the state is rendered.
 * aws-cdk-lib's tasks keep the payload objects they are given and read them while rendering, so
 * the rewrite is what ends up in the definition (checked on every tested aws-cdk-lib version by
 * test/integrations/private/adapted-task.test.ts).
 */
export class LanguageSlots {
  private readonly slots: Slot[] = [];

  /** @param declared the query language the step was bound with, if any */
  constructor(private readonly declared?: sfn.QueryLanguage) {}

  /** Sets `target[key]` to `value` in the declared language (JSONPath when none is declared). */
  public put(target: Record<string, unknown>, key: string, value: LanguageValue): void {
    this.slots.push({ target, key, value });
    this.apply(actualQueryLanguage(this.declared));
  }

  /** Makes `task` rewrite the slots for the language it is rendered in. */
  public attach(task: sfn.State): void {
    if (this.slots.length === 0 || this.declared !== undefined) {
      // The state's own QueryLanguage wins over the state machine's: the values are final.
      return;
    }
    const render = task.toStateJson.bind(task);
    task.toStateJson = (topLevelQueryLanguage?: sfn.QueryLanguage): object => {
      this.apply(actualQueryLanguage(undefined, topLevelQueryLanguage));
      return render(topLevelQueryLanguage);
    };
  }

  private apply(language: sfn.QueryLanguage): void {
    for (const slot of this.slots) {
      slot.target[slot.key] = language === sfn.QueryLanguage.JSONATA ? slot.value.jsonata : slot.value.jsonPath;
    }
  }
}
