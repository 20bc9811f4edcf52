/** localStorage for small UI preferences; a blocked or full storage never breaks the app. */
export function getPref(key: string): string | null {
  try {
    return localStorage.getItem(`attune.${key}`);
  } catch {
    return null;
  }
}

export function setPref(key: string, value: string): void {
  try {
    localStorage.setItem(`attune.${key}`, value);
  } catch {
    // Private mode or storage disabled: the preference lasts for this visit only.
  }
}
