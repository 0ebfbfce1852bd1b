import { Input } from '@mantine/core';
import { useId, type ChangeEvent, type Ref } from 'react';
import fileInputClasses from '@/components/ui/file-input.module.css';

export interface FileFieldProps {
  label: string;
  description?: string;
  error?: string;
  accept: string;
  disabled?: boolean;
  onFile: (file: File) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A native file input with a label, hint and error: every browser and assistive technology knows
 * it, and automated tests can hand it a file. Choosing a file acts at once.
 */
export function FileField({ label, description, error, accept, disabled, onFile, inputRef }: FileFieldProps) {
  const id = useId();
  // Input.Wrapper derives these ids from `id`.
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // Cleared, so choosing the same file again (after an error) is a change too.
    event.currentTarget.value = '';
    if (file) onFile(file);
  };
  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        className={fileInputClasses.fileInput}
        onChange={handleChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </Input.Wrapper>
  );
}
