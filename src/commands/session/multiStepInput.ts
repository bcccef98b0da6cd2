import * as vscode from 'vscode';

/** A step asks one thing, records the answer in the flow's state, and names the next step. */
export type Step<S> = (input: MultiStepInput, state: S) => Promise<Step<S> | undefined>;

class GoBack extends Error {}
class Cancelled extends Error {}

export interface StepPosition {
  title: string;
  /** How many questions the flow has, as far as its answers so far tell. */
  totalSteps: number;
}

export interface PickOptions<I extends vscode.QuickPickItem> {
  items: readonly I[];
  placeholder?: string;
  activeItem?: I;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Whether Enter may take an item (an item that only explains a problem may not). */
  accepts?: (item: I) => boolean;
  /** Items that depend on what is typed (e.g. "Use this ARN"), shown above the others. */
  itemsForValue?: (value: string) => I[];
  /**
   * Items that arrive later (e.g. a paginated list from AWS): the pick shows a busy bar until
   * load settles; the signal aborts when the pick closes.
   */
  load?: (add: (items: I[]) => void, signal: AbortSignal) => Promise<void>;
}

export interface InputOptions {
  value?: string;
  prompt?: string;
  placeholder?: string;
  password?: boolean;
  validate: (value: string) => string | undefined;
  /** Something the validation needs that arrives later (e.g. the role's MaxSessionDuration): validated again when it settles. */
  pending?: Promise<unknown>;
  /** The prompt once `pending` settles. */
  promptWhenReady?: () => string | undefined;
}

/**
 * One quick input for several questions, with a back button from the second question on.
 * Steps read their previous answers from the state, so going back shows what was entered.
 */
export class MultiStepInput {
  private current: vscode.QuickInput | undefined;
  private readonly history: Array<Step<unknown>> = [];

  /** Runs the steps from `first`; true when the last step finished, false when cancelled. */
  static async run<S>(first: Step<S>, state: S, title: (state: S) => StepPosition): Promise<boolean> {
    const input = new MultiStepInput(() => title(state));
    return input.drive(first as Step<unknown>, state);
  }

  /** Whether an input was left with the back button (for a step that asks a follow-up question itself). */
  static isBack(error: unknown): boolean {
    return error instanceof GoBack;
  }

  private constructor(private readonly position: () => StepPosition) {}

  private async drive(first: Step<unknown>, state: unknown): Promise<boolean> {
    let step: Step<unknown> | undefined = first;
    try {
      while (step) {
        this.history.push(step);
        try {
          step = (await step(this, state)) as Step<unknown> | undefined;
        } catch (error) {
          if (!(error instanceof GoBack)) throw error;
          this.history.pop();
          step = this.history.pop();
          // Back on the first step: ask it again.
          step ??= first;
        }
      }
      return true;
    } catch (error) {
      if (error instanceof Cancelled) return false;
      throw error;
    } finally {
      this.current?.dispose();
    }
  }

  /** The answer picked; rejects with a back or cancel signal the runner handles. */
  pick<I extends vscode.QuickPickItem>(options: PickOptions<I>): Promise<I> {
    const pick = vscode.window.createQuickPick<I>();
    this.show(pick);
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    let loaded: I[] = [...options.items];
    const refresh = () => {
      const active = pick.activeItems[0];
      const forValue = options.itemsForValue?.(pick.value) ?? [];
      pick.items = [...forValue, ...loaded];
      // What the typed text offers comes first, and Enter takes it.
      if (forValue.length) pick.activeItems = [forValue[0]!];
      else if (active && pick.items.includes(active)) pick.activeItems = [active];
    };
    refresh();
    if (options.activeItem) pick.activeItems = [options.activeItem];
    const abort = new AbortController();
    return new Promise<I>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        pick.onDidChangeValue(() => {
          if (options.itemsForValue) refresh();
        }),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
          if (chosen && (options.accepts?.(chosen) ?? true)) resolve(chosen);
        }),
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(new GoBack());
        }),
        pick.onDidHide(() => reject(new Cancelled())),
      ];
      if (options.load) {
        pick.busy = true;
        options
          .load((items) => {
            loaded = [...loaded, ...items];
            refresh();
          }, abort.signal)
          .finally(() => (pick.busy = false))
          .catch(reject);
      }
      const settle = () => {
        abort.abort();
        for (const d of disposables) d.dispose();
      };
      this.onSettled = settle;
    }).finally(() => this.onSettled?.());
  }

  /** The text entered, once it validates. */
  input(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    this.show(box);
    box.value = options.value ?? '';
    box.valueSelection = undefined;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    const validate = () => {
      box.validationMessage = box.value === '' && options.value === undefined ? undefined : options.validate(box.value);
    };
    validate();
    if (options.pending) {
      box.busy = true;
      void options.pending
        .catch(() => undefined)
        .then(() => {
          box.busy = false;
          const ready = options.promptWhenReady?.();
          if (ready) box.prompt = ready;
          validate();
        });
    }
    return new Promise<string>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        box.onDidChangeValue(validate),
        box.onDidAccept(() => {
          const problem = options.validate(box.value);
          box.validationMessage = problem;
          if (!problem) resolve(box.value);
        }),
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(new GoBack());
        }),
        box.onDidHide(() => reject(new Cancelled())),
      ];
      this.onSettled = () => {
        for (const d of disposables) d.dispose();
      };
    }).finally(() => this.onSettled?.());
  }

  private onSettled: (() => void) | undefined;

  /** Shows the next question in place of the previous one (no flicker, focus stays). */
  private show(next: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }): void {
    const { title, totalSteps } = this.position();
    const step = this.history.length;
    next.title = title;
    next.step = step;
    next.totalSteps = Math.max(step, totalSteps);
    next.ignoreFocusOut = true;
    next.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const previous = this.current;
    this.current = next;
    next.show();
    previous?.dispose();
  }
}
