import type * as vscode from 'vscode';

export function disposeAll(disposables: vscode.Disposable[]): void {
  while (disposables.length > 0) disposables.pop()?.dispose();
}

/** Base class for objects that own disposables and release them all at once. */
export abstract class DisposableStore implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    this.disposed = true;
    disposeAll(this.owned);
  }
}
